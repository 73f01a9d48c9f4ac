import type { KpiValue } from '../../../shared/evaluate';
import type { KpiDef } from '../../../shared/kpis';
import type { Source } from '../../../shared/vocabulary';

/** What the open panel reads, live: the KPI, and how to read its number and its sources now. */
export interface WhySubject {
  def: KpiDef;
  reading: () => KpiValue | null;
  sources: () => Partial<Record<Source, number | null>>;
  now: () => number;
}

/** The one "why this number" panel of a page: which KPI it explains, or none. */
class WhyPanel {
  subject = $state<WhySubject | null>(null);
  open(subject: WhySubject) {
    this.subject = subject;
  }
  close() {
    this.subject = null;
  }
}

export const whyPanel = new WhyPanel();
