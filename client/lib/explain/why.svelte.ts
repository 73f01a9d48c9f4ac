import type { KpiValue } from '../../../shared/evaluate';
import type { KpiDef } from '../../../shared/kpis';
import type { Source } from '../../../shared/vocabulary';
import type { ExplainContext } from './explain';

/** What the open panel reads, live: the KPI, and how to read its number and its sources now. */
export interface WhySubject {
  def: KpiDef;
  reading: () => KpiValue | null;
  sources: () => Partial<Record<Source, number | null>>;
  now: () => number;
  /** Which place and days the number is of, when not the province's today (tablet, presenter). */
  context?: () => ExplainContext;
}

/**
 * The one "why this number" panel of a page: which KPI it explains, or none. Focus goes back to what
 * opened it when it closes, so a keyboard user carries on where they were.
 */
class WhyPanel {
  subject = $state<WhySubject | null>(null);
  #opener: HTMLElement | null = null;
  open(subject: WhySubject) {
    const active = typeof document === 'undefined' ? null : document.activeElement;
    this.#opener = active instanceof HTMLElement ? active : null;
    this.subject = subject;
  }
  close() {
    if (this.subject === null) return;
    this.subject = null;
    this.#opener?.focus();
    this.#opener = null;
  }
}

export const whyPanel = new WhyPanel();
