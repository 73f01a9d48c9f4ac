/**
 * The words of the event model that screens need too, kept free of zod so importing them does not
 * pull the validation library into the client bundle. events.ts re-exports them.
 */
export const SOURCES = ['one_stop', 'payments', 'tasks'] as const;
export type Source = (typeof SOURCES)[number];
export const PROGRAMMES = ['nq57', 'da06', 'province'] as const;
export type Programme = (typeof PROGRAMMES)[number];
export const CHANNELS = ['online', 'in_person', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

/** How each source is named on screens and in alerts, Vietnamese first. */
export const SOURCE_LABELS: Record<Source, { vi: string; en: string }> = {
  one_stop: { vi: 'Hệ thống một cửa', en: 'One-stop system' },
  payments: { vi: 'Thanh toán trực tuyến', en: 'Online payments' },
  tasks: { vi: 'Theo dõi nhiệm vụ', en: 'Task tracking' },
};
