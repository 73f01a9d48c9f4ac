/** Branded primitives: units that must never be mixed up by accident. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Milliseconds since the Unix epoch (UTC). */
export type EpochMs = Brand<number, 'EpochMs'>;
/** A 5-digit commune/ward code (Decision 19/2025/QĐ-TTg), e.g. "00004". */
export type CommuneCode = Brand<string, 'CommuneCode'>;
/** A calendar day in Asia/Ho_Chi_Minh, "YYYY-MM-DD". */
export type DayKey = Brand<string, 'DayKey'>;
