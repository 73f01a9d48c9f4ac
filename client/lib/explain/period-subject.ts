import type { KpiValue } from '../../../shared/evaluate';
import { formatDate, type Lang } from '../../../shared/format';
import type { PeriodResponse } from '../../../shared/history';
import { KPI_BY_ID } from '../../../shared/kpis';
import { startOfDay } from '../../../shared/time';
import type { Source } from '../../../shared/vocabulary';
import { periodName } from '../i18n';
import type { ExplainContext } from './explain';
import type { WhySubject } from './why.svelte';

/**
 * The why-panel's subject for a number of GET /api/v1/kpis/period, as the tablet and the presenter show
 * it: the value, numerator and denominator of that place and period (not today's province), judged
 * against the target the server gave, with each source's freshness as of the answer.
 */

type PeriodRow = PeriodResponse['kpis'][number];

/** A period row as the panel reads it; null numbers (no data yet) stay unknown. */
export function periodReading(row: PeriodRow): KpiValue {
  return {
    value: row.numerator === null ? null : row.value,
    num: row.numerator ?? 0,
    den: row.denominator,
    asOf: row.asOf === null ? null : Date.parse(row.asOf),
  };
}

/**
 * Each source's last word as of the answer. An older server's answer has no `sources`: then the KPI's
 * own as-of (the oldest last word of its sources) stands for each of them, which can only make a source
 * look older than it is, never fresher.
 */
export function periodSources(
  answer: PeriodResponse,
  row: PeriodRow,
): Partial<Record<Source, number | null>> {
  if (answer.sources) return answer.sources;
  const def = KPI_BY_ID.get(row.id);
  const at = row.asOf === null ? null : Date.parse(row.asOf);
  return Object.fromEntries((def?.sources ?? []).map((s) => [s, at]));
}

/** "7 ngày: 01/12/2026 – 07/12/2026", "Hôm nay: 07/12/2026". */
export function periodWords(answer: Pick<PeriodResponse, 'period' | 'from' | 'to'>, lang: Lang): string {
  const from = formatDate(startOfDay(answer.from), lang);
  const to = formatDate(startOfDay(answer.to), lang);
  return `${periodName(answer.period, lang)}: ${from === to ? from : `${from} – ${to}`}`;
}

/** What the panel says of where and when, and by which target. */
export function periodContext(
  answer: PeriodResponse,
  row: PeriodRow,
  scope: string,
  lang: Lang,
): ExplainContext {
  return {
    scope,
    period: periodWords(answer, lang),
    ...(row.target === null ? {} : { target: row.target }),
  };
}

/**
 * The subject of one KPI of a period answer, read afresh from `answer()` each time the panel draws (the
 * tablet re-reads every 30 s): null when the answer does not have the KPI.
 */
export function periodSubject(
  answer: () => PeriodResponse | null,
  id: string,
  scopeName: (a: PeriodResponse) => string,
  lang: Lang,
): WhySubject | null {
  const def = KPI_BY_ID.get(id);
  if (!def) return null;
  const row = () => answer()?.kpis.find((k) => k.id === id) ?? null;
  return {
    def,
    reading: () => {
      const r = row();
      return r ? periodReading(r) : null;
    },
    sources: () => {
      const a = answer();
      const r = row();
      return a && r ? periodSources(a, r) : {};
    },
    now: () => answer()?.serverTime ?? Date.now(),
    context: () => {
      const a = answer();
      const r = row();
      return a && r ? periodContext(a, r, scopeName(a), lang) : {};
    },
  };
}
