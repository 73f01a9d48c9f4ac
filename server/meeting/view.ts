import { z } from 'zod';
import { KPI_BY_ID } from '../../shared/kpis';
import type { MeetingView } from '../../shared/meeting';
import { PERIODS } from '../../shared/periods';
import { SCENE_IDS } from '../../shared/scenes';
import { COMMUNE_RE } from '../../shared/scope';

/** A change of view as a presenter may send it: each field optional, each checked. */
export const viewChange = z.strictObject({
  scene: z.enum(SCENE_IDS).optional(),
  kpi: z
    .string()
    .refine((k) => KPI_BY_ID.has(k as never), 'not a KPI of the catalogue')
    .optional(),
  commune: z.string().regex(COMMUNE_RE, 'a 5-digit commune code, or null').nullable().optional(),
  period: z.enum(PERIODS).optional(),
}) satisfies z.ZodType<Partial<MeetingView>>;

export const steerRequest = z.strictObject({ id: z.string().max(32), view: viewChange });
export const joinRequest = z.strictObject({
  code: z.string().max(16).optional(),
  id: z.string().max(32).optional(),
  name: z.string().trim().min(1).max(80).optional(),
  delegates: z.number().int().min(0).max(100_000).optional(),
});
export const heartbeat = z.strictObject({
  id: z.string().max(32),
  delegates: z.number().int().min(0).max(100_000),
  rttMs: z.number().min(0).max(600_000).nullable(),
  appliedSeq: z.number().int().min(0),
});

/** The first problem of a zod failure, naming its field. */
export const problem = (e: z.ZodError) => {
  const i = e.issues[0];
  return i ? `${i.path.join('.') || 'request'}: ${i.message}` : 'bad request';
};
