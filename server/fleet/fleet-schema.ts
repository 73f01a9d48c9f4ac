import { z } from 'zod';
import type { DisplayReport, FleetCommandRequest } from '../../shared/fleet';
import { SCENE_IDS } from '../../shared/scenes';

/** The longest a screen may be told to show its name: long enough to walk the room, short enough to forget. */
const MAX_IDENTIFY_SECONDS = 300;

const scene = z.enum(SCENE_IDS, { error: `must be one of ${SCENE_IDS.join(', ')} or null` }).nullable();

/**
 * What a screen says of itself. Not strict: a newer screen with one more field must still be listed, so
 * unknown keys are dropped rather than refused. Bounds keep a hostile screen from filling the list.
 */
export const displayReport = z.object({
  kind: z.enum(['wall', 'bridge', 'tablet']),
  width: z.number().int().min(0).max(100_000),
  height: z.number().int().min(0).max(100_000),
  dpr: z.number().positive().max(16),
  version: z.string().max(64),
  scene,
  meetingId: z.string().max(128).nullable(),
}) satisfies z.ZodType<DisplayReport>;

const command = z.discriminatedUnion(
  'action',
  [
    z.strictObject({ action: z.literal('reload') }),
    z.strictObject({ action: z.literal('scene'), scene }),
    z.strictObject({
      action: z.literal('identify'),
      seconds: z.number().int().min(1).max(MAX_IDENTIFY_SECONDS),
    }),
  ],
  { error: 'must be reload, scene or identify' },
);

/**
 * A target is a screen's socket id or "device:<id>", nothing else: io.in(target) would otherwise reach
 * any room (every wall of a feed, a person's sessions).
 */
export const DEVICE_TARGET = /^device:([\w-]{1,64})$/;
const SOCKET_ID = /^[\w-]{1,64}$/;

export const fleetCommandRequest = z.strictObject({
  target: z
    .string()
    .refine((t) => DEVICE_TARGET.test(t) || SOCKET_ID.test(t), 'must be a socket id or "device:<id>"'),
  command,
}) satisfies z.ZodType<FleetCommandRequest>;
