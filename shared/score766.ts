import { points766 } from './evaluate';
import { KPI_BY_ID, type KpiDef, type KpiId } from './kpis';

/**
 * The Decision 766 scoreboard (766/QĐ-TTg): the catalogue's scored KPIs in the decision's groups, their
 * points by the rule "full points when R ≥ T, else R/T × max", the total, the total on a 100 scale and
 * its band. Pure, so the wall and any report compute the same score from the same values.
 */

/** One group of the decision, named as in provincial reports. */
export interface Group766 {
  id: string;
  vi: string;
  en: string;
  kpiIds: readonly KpiId[];
}

export const GROUPS_766: readonly Group766[] = [
  { id: 'transparency', vi: 'Công khai, minh bạch', en: 'Openness and transparency', kpiIds: ['syncRate'] },
  {
    id: 'progress',
    vi: 'Tiến độ, kết quả giải quyết',
    en: 'Progress and results',
    kpiIds: ['onTimeRate'],
  },
  {
    id: 'online',
    vi: 'Cung cấp dịch vụ trực tuyến',
    en: 'Online services',
    kpiIds: ['fullOnlineShare', 'onlinePaymentRate'],
  },
  { id: 'satisfaction', vi: 'Mức độ hài lòng', en: 'Satisfaction', kpiIds: ['satisfaction'] },
  {
    id: 'digitisation',
    vi: 'Số hóa hồ sơ',
    en: 'Digitisation',
    kpiIds: ['eResultRate', 'digitisedRate', 'reuseRate'],
  },
];

/**
 * The indicators of Decision 766 on dossier handling, as KPIS.md lists them ("The service index"): ten.
 * The wall scores eight (GROUPS_766); mean resolution time and the online share are in the decision but
 * carry no points the wall can source. The total is therefore an estimate over the indicators it
 * covers, and says so: "ước tính · 8/10 chỉ số".
 */
export const INDICATORS_766: readonly KpiId[] = [
  'syncRate',
  'onTimeRate',
  'avgResolutionHours',
  'fullOnlineShare',
  'onlineShare',
  'onlinePaymentRate',
  'eResultRate',
  'digitisedRate',
  'reuseRate',
  'satisfaction',
];

export type BandId = 'excellent' | 'good' | 'belowGood';
export interface Band {
  id: BandId;
  vi: string;
  en: string;
}

/**
 * Bands on the 100-point scale. Only "Xuất sắc" (≥ 90) and "Tốt" (80–90) are confirmed by provincial
 * reports; the decision's lower bands are not, so everything under 80 is only said to be below "Tốt"
 * rather than given a name we cannot source.
 */
export const BANDS: readonly (Band & { from: number })[] = [
  { id: 'excellent', vi: 'Xuất sắc', en: 'Excellent', from: 90 },
  { id: 'good', vi: 'Tốt', en: 'Good', from: 80 },
  { id: 'belowGood', vi: 'Dưới mức Tốt', en: 'Below Good', from: -Infinity },
];

/** The band of a score on the 100 scale; a score exactly on a boundary belongs to the higher band. */
export function band766(score100: number): Band {
  const b = BANDS.find((b) => score100 >= b.from) ?? BANDS[BANDS.length - 1]!;
  return { id: b.id, vi: b.vi, en: b.en };
}

export interface KpiScore {
  def: KpiDef;
  /** The rate, or null when it has none (zero denominator): it then scores nothing. */
  value: number | null;
  target: number;
  points: number;
  max: number;
  hasData: boolean;
  met: boolean | null;
}

export interface GroupScore extends Omit<Group766, 'kpiIds'> {
  kpis: KpiScore[];
  points: number;
  max: number;
}

export interface Scoreboard {
  groups: GroupScore[];
  total: number;
  max: number;
  /** total / max × 100. */
  score100: number;
  /** null when no KPI had data: a score of nothing is not a verdict on anyone. */
  band: Band | null;
  /** How many scored KPIs had a value, out of kpiCount. */
  withData: number;
  kpiCount: number;
  /**
   * What the total is an estimate over: the decision's indicators that it covers with data (the scored
   * KPIs with a value), out of all the decision's indicators (INDICATORS_766) — "5/10 chỉ số".
   */
  coverage: { covered: number; of: number };
}

/** Removes float noise (55.8 / 62 × 100 = 89.99999…) so a score on a band's boundary lands in it. */
const clean = (n: number) => Math.round(n * 1e9) / 1e9;

/**
 * Scores the catalogue's 766 KPIs from their current values (`valueOf(id)`, null for no value).
 * `targets` overrides the catalogue's defaults (targets are configuration, not code).
 */
export function score766(
  valueOf: (id: KpiId) => number | null,
  targets: Partial<Record<KpiId, number>> = {},
): Scoreboard {
  const groups = GROUPS_766.map(({ kpiIds, ...group }): GroupScore => {
    const kpis = kpiIds.map((id): KpiScore => {
      const def = KPI_BY_ID.get(id);
      if (!def || def.points766 === undefined || def.target === undefined) {
        throw new Error(`KPI "${id}" is not a Decision 766 KPI of the catalogue`);
      }
      const target = targets[id] ?? def.target;
      const value = valueOf(id);
      const points = points766(def, value, target);
      return {
        def,
        value,
        target,
        points: points ?? 0,
        max: def.points766,
        hasData: points !== null,
        met: value === null ? null : value >= target,
      };
    });
    return {
      ...group,
      kpis,
      points: clean(kpis.reduce((a, k) => a + k.points, 0)),
      max: kpis.reduce((a, k) => a + k.max, 0),
    };
  });
  const total = clean(groups.reduce((a, g) => a + g.points, 0));
  const max = groups.reduce((a, g) => a + g.max, 0);
  const all = groups.flatMap((g) => g.kpis);
  const withData = all.filter((k) => k.hasData).length;
  const score100 = max === 0 ? 0 : clean((total / max) * 100);
  return {
    groups,
    total,
    max,
    score100,
    band: withData === 0 ? null : band766(score100),
    withData,
    kpiCount: all.length,
    coverage: { covered: withData, of: INDICATORS_766.length },
  };
}

/**
 * A score as shown: cut (not rounded) to one decimal, so 89.97 reads "89,9" beside "Tốt" and never
 * "90" beside a band it has not reached.
 */
export const shownScore = (score: number): number => Math.floor(clean(score) * 10) / 10;
