import { z } from 'zod';
import { KPI_BY_ID } from '../../shared/kpis';
import type {
  Heartbeat,
  InviteRequest,
  JoinRequest,
  MeetingRef,
  MeetingView,
  PresentRequest,
  SteerRequest,
} from '../../shared/meeting';
import { PERIODS } from '../../shared/periods';
import { SCENE_IDS } from '../../shared/scenes';
import { AGENCY_ID_RE, COMMUNE_RE } from '../../shared/scope';

/** A change of view as a presenter may send it: each field optional, each checked. */
const viewChange = z
  .strictObject({
    scene: z.enum(SCENE_IDS).optional(),
    kpi: z
      .string()
      .refine((k) => KPI_BY_ID.has(k as never), 'not a KPI of the catalogue')
      .optional(),
    commune: z.string().regex(COMMUNE_RE, 'a 5-digit commune code, or null').nullable().optional(),
    agency: z.string().regex(AGENCY_ID_RE, 'an agency id, or null').nullable().optional(),
    period: z.enum(PERIODS).optional(),
  })
  // One focus at a time: a commune and an agency together name no scope the numbers exist for.
  .refine((v) => !(v.commune && v.agency), 'a commune or an agency, not both') satisfies z.ZodType<
  Partial<MeetingView>
>;

/** A meeting's id, as ids are made (meeting-store.ts). */
const meetingId = z.string().max(32);

export const meetingRef = z.strictObject({ id: meetingId }) satisfies z.ZodType<MeetingRef>;
export const steerRequest = z.strictObject({
  id: meetingId,
  view: viewChange,
}) satisfies z.ZodType<SteerRequest>;
export const presentRequest = z.strictObject({
  id: meetingId,
  /** An actor ("user:lanh.dao"), as actorOf names one. */
  to: z.string().max(200).optional(),
}) satisfies z.ZodType<PresentRequest>;
export const joinRequest = z.strictObject({
  code: z.string().max(16).optional(),
  id: meetingId.optional(),
  name: z.string().trim().min(1).max(80).optional(),
  delegates: z.number().int().min(0).max(100_000).optional(),
  console: z.boolean().optional(),
}) satisfies z.ZodType<JoinRequest>;
export const inviteRequest = z.strictObject({
  id: meetingId,
  device: z.string().min(1).max(32),
}) satisfies z.ZodType<InviteRequest>;
export const heartbeat = z.strictObject({
  id: meetingId,
  delegates: z.number().int().min(0).max(100_000),
  rttMs: z.number().min(0).max(600_000).nullable(),
  appliedSeq: z.number().int().min(0),
  readySeq: z.number().int().min(0).optional(),
}) satisfies z.ZodType<Heartbeat>;
