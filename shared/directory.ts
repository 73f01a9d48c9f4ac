import type { ProvinceKind } from './provinces';

/** The names behind the codes of the feeds (GET /api/v1/directory). */
export interface Directory {
  /** `kind` says whether screens call it "tỉnh" or, for a centrally-run city, "thành phố". */
  province: { code: string; name: string; kind: ProvinceKind };
  /** Commune or ward name by its 5-digit code (ma_xa). */
  communes: Record<string, string>;
  /** Agency name by its id, in Vietnamese ("Công an thành phố" in a city). */
  agencies: Record<string, string>;
  /** Agency name by its id, in English ("City Police"), for screens under `?lang=en`. */
  agenciesEn: Record<string, string>;
  /** The numbers come from the built-in simulator: every page says it is a demo. */
  simulated?: boolean;
  /**
   * The one minimum sample (MIN_SAMPLE, dossiers, shared/min-sample.ts): units are ranked by a rate only
   * over at least this many. Absent from an older server: the default.
   */
  minSample?: number;
}
