import { meetsTarget } from '../../shared/evaluate';
import {
  formatChange,
  formatCount,
  formatDate,
  formatKpi,
  formatKpiParts,
  type Change,
  type Lang,
} from '../../shared/format';
import { isStockKpi } from '../../shared/kpi-def';
import { KPI_BY_ID, type KpiDef } from '../../shared/kpis';
import type { DayKey } from '../../shared/brand';
import type { Period } from '../../shared/periods';
import { startOfDay } from '../../shared/time';
import { t } from '../lib/i18n';
import type { PeriodResponse } from '../../shared/history';

/** One KPI of GET /api/v1/kpis/period, with the same KPI over the period before. */
export type PeriodKpi = PeriodResponse['kpis'][number];

/** The screens that show KPI cards. */
export type ScreenKind = 'province' | 'commune' | 'agency';

/** The cards each screen shows, most telling first (onTimeRate is the Decision 766 headline). */
export const CARD_KPIS: Record<ScreenKind, readonly string[]> = {
  province: [
    'onTimeRate',
    'received',
    'open.late',
    'resolved.late',
    'avgResolutionHours',
    'onlineShare',
    'fullOnlineShare',
    'digitisedRate',
    'onlinePaymentRate',
    'payments.amount',
    'satisfaction',
    'tasks.overdue',
  ],
  // Tasks belong to agencies, not communes.
  commune: [
    'onTimeRate',
    'received',
    'open.late',
    'resolved.late',
    'avgResolutionHours',
    'onlineShare',
    'fullOnlineShare',
    'digitisedRate',
    'onlinePaymentRate',
    'payments.amount',
    'satisfaction',
  ],
  agency: [
    'onTimeRate',
    'received',
    'open.late',
    'resolved.late',
    'avgResolutionHours',
    'onlineShare',
    'fullOnlineShare',
    'digitisedRate',
    'onlinePaymentRate',
    'satisfaction',
    'tasks.overdue',
  ],
};

/** What is open at the period's end (now, for a period ending today), as opposed to what happened in it. */
const isStock = isStockKpi;
/** KPIs that count what happened in the period (flows), as opposed to rates and stocks. */
const FLOW_UNITS = new Set(['dossier', 'transaction', 'vnd']);
const isFlow = (def: KpiDef) => FLOW_UNITS.has(def.unit) && !isStock(def);

/**
 * Whether a card may state its change against the period before. "Today" is compared with all of
 * yesterday (periodRanges): a count of a day not yet over against a whole day would show a fall every
 * morning, so such counts show yesterday's value without an arrow. Rates and open counts compare fairly.
 */
export function comparable(def: KpiDef, period: Period): boolean {
  return !(period === 'today' && isFlow(def));
}

/** Everything a KPI card says, in words. */
export interface CardModel {
  id: string;
  label: string;
  /** The value's number and unit ("99,73%" and "", "1.234" and "hồ sơ"); "—" when there is none. */
  number: string;
  unit: string;
  value: number | null;
  /** For a rate: what it is over ("1.234 / 1.260"); null otherwise or when there is nothing to rate. */
  ratio: string | null;
  /** The previous period's value in words ("97,12%", "—"). */
  previous: string;
  /**
   * What that value is: all of yesterday, the end of yesterday (what was open at midnight), the
   * previous period, or its end.
   */
  previousIs: 'wholeYesterday' | 'endOfYesterday' | 'previous' | 'endOfPrevious';
  /** A stock over a period (overdue tasks, late dossiers): the value is its count at the period's end. */
  atEnd: boolean;
  /** The change against it (arrow and points or percent); null when not stated. */
  change: Change | null;
  /** Whether the change is good news, bad news, or neither (no target, or flat). */
  tone: 'better' | 'worse' | 'none';
  /** "Mục tiêu ≥ 98%"; null for a KPI without a target. */
  target: string | null;
  /** Target met, missed, or not judged (no target or no value). */
  met: boolean | null;
  /** No value because no data existed yet (not a zero denominator): "Chưa có số liệu". */
  unknown: boolean;
  /**
   * The day the previous period's data starts when it starts inside that period ("05/10/2026"): its
   * counts cover fewer days, so a count's change against it is not stated.
   */
  previousSince: string | null;
}

/** The card of one KPI of a period answer; null for an id the catalogue does not know. */
export function cardOf(row: PeriodKpi, period: Period, lang: Lang, previousFrom?: DayKey): CardModel | null {
  const def = KPI_BY_ID.get(row.id);
  if (!def) return null;
  const target = row.target ?? def.target;
  const parts = formatKpiParts(def, row.value, lang, 'full');
  const prev = row.previous?.value ?? null;
  const partialBefore =
    previousFrom !== undefined && row.dataFrom !== null && row.dataFrom > previousFrom && prev !== null;
  // A count over fewer days than this period's is no basis for a change; a rate or a stock still is.
  const fair = comparable(def, period) && !(partialBefore && isFlow(def));
  const change = fair ? formatChange(def, row.value, prev, lang) : null;
  const tone =
    change === null || change.direction === 'flat' || target === undefined
      ? 'none'
      : (change.direction === 'up') !== Boolean(def.lowerIsBetter)
        ? 'better'
        : 'worse';
  // Only a plain ratio's parts read as "so many of so many"; satisfaction's are late + disliked over
  // resolved + rated, which would mislead.
  const ratio =
    def.formula.kind === 'ratio' && row.denominator !== null && row.denominator > 0
      ? `${formatCount(row.numerator ?? 0, lang)} / ${formatCount(row.denominator, lang)}`
      : null;
  let targetText: string | null = null;
  if (target !== undefined) {
    targetText =
      def.lowerIsBetter && target === 0
        ? `${t('target', undefined, lang)}: ${formatKpi(def, 0, lang, 'full')}`
        : `${t('target', undefined, lang)} ${def.lowerIsBetter ? '≤' : '≥'} ${formatKpi(def, target, lang, 'full')}`;
  }
  return {
    id: def.id,
    label: row.label[lang] ?? def[lang],
    number: parts.number,
    unit: parts.unit,
    value: row.value,
    ratio,
    previous: formatKpi(def, prev, lang, 'full'),
    previousIs:
      period === 'today'
        ? isStock(def)
          ? 'endOfYesterday'
          : 'wholeYesterday'
        : isStock(def)
          ? 'endOfPrevious'
          : 'previous',
    atEnd: period !== 'today' && isStock(def),
    change,
    tone,
    target: targetText,
    met: meetsTarget(def, row.value, target),
    unknown: row.numerator === null,
    // What was open at the previous period's end is whole even when its days are not.
    previousSince: partialBefore && !isStock(def) ? formatDate(startOfDay(row.dataFrom!), lang) : null,
  };
}

/** The cards of a screen, in its order; KPIs the answer lacks are left out. */
export function cardsOf(
  rows: readonly PeriodKpi[],
  kind: ScreenKind,
  period: Period,
  lang: Lang,
  previousFrom?: DayKey,
): CardModel[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return CARD_KPIS[kind].flatMap((id) => {
    const row = byId.get(id);
    const card = row ? cardOf(row, period, lang, previousFrom) : null;
    return card ? [card] : [];
  });
}
