/** The names behind the codes of the feeds (GET /api/v1/directory). */
export interface Directory {
  province: { code: string; name: string };
  /** Commune or ward name by its 5-digit code (ma_xa). */
  communes: Record<string, string>;
  /** Agency name by its id. */
  agencies: Record<string, string>;
  /** The numbers come from the built-in simulator: every page says it is a demo. */
  simulated?: boolean;
}
