/** Branded primitives: units that must never be mixed up by accident. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Milliseconds since the Unix epoch (UTC). */
export type EpochMs = Brand<number, 'EpochMs'>;
/** A 5-digit commune/ward code (Decision 19/2025/QĐ-TTg), e.g. "00004". */
export type CommuneCode = Brand<string, 'CommuneCode'>;
/** A calendar day in Asia/Ho_Chi_Minh, "YYYY-MM-DD". */
export type DayKey = Brand<string, 'DayKey'>;

/**
 * An instant on the server's clock (epoch ms): the province's time every screen shows. In an accelerated
 * demo it runs faster than real time, so it never mixes with a device's own clock.
 */
export type ServerMs = Brand<number, 'ServerMs'>;
/** An instant on this device's own clock (Date.now()): only ever measured against the server's clock. */
export type DeviceMs = Brand<number, 'DeviceMs'>;

export const serverMs = (n: number) => n as ServerMs;
export const deviceMs = (n: number) => n as DeviceMs;
