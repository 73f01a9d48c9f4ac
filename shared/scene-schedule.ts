import { z } from 'zod';
import { SCENE_IDS, WEEKDAYS, type SceneSchedule } from './scenes';

/**
 * The schedule config file's schema, apart from the scheduler so the client can import the scheduler
 * without the validation library: the server reads and checks the file, screens get the result.
 */
const HHMM_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

const sceneSlot = z.strictObject({
  id: z.enum(SCENE_IDS, { error: `must be one of ${SCENE_IDS.join(', ')}` }),
  durationSec: z
    .number({ error: 'must be a number of seconds' })
    .int({ error: 'must be a whole number of seconds' })
    .min(5, { error: 'must be at least 5 seconds' })
    .max(3600, { error: 'must be at most 3600 seconds' }),
});
const sceneList = z.array(sceneSlot, { error: 'must be a list of scenes' }).min(1, {
  error: 'must name at least one scene',
});
const hhmm = z
  .string({ error: 'must be a time "HH:MM"' })
  .regex(HHMM_RE, { error: 'must be a time "HH:MM"' });

const timedSchedule = z
  .strictObject({
    name: z.string({ error: 'must be a name' }).min(1, { error: 'must not be empty' }),
    days: z
      .array(z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }))
      .min(1, { error: 'must name at least one day (leave it out for every day)' })
      .optional(),
    from: hhmm,
    to: hhmm,
    scenes: sceneList,
  })
  // An empty window would never apply; a 24-hour one is the default playlist. Either is a typo.
  .refine((s) => s.from !== s.to, { error: 'must differ from "from"', path: ['to'] });

const sceneScheduleSchema = z.strictObject(
  {
    scenes: sceneList,
    schedules: z.array(timedSchedule, { error: 'must be a list of schedules' }).optional(),
  },
  {
    error: (i) =>
      i.code === 'invalid_type' ? 'a schedule must be an object with a "scenes" list' : undefined,
  },
);

// The schema and the scheduler's types must describe the same thing: tsc fails here if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof sceneScheduleSchema>, SceneSchedule> = true;
void sameShape;

export function parseSceneSchedule(json: unknown): { schedule: SceneSchedule } | { errors: string[] } {
  const r = sceneScheduleSchema.safeParse(json);
  if (r.success) return { schedule: r.data };
  return {
    errors: r.error.issues.map((i) => {
      // An unknown key has no path of its own: name the key so the typo is visible.
      const path = [...i.path, ...(i.code === 'unrecognized_keys' ? i.keys : [])].join('.');
      return path ? `${path}: ${i.message}` : i.message;
    }),
  };
}
