import { readFileSync } from 'node:fs';
import { parseSceneSchedule } from '../../shared/scene-schedule';
import { DEFAULT_SCHEDULE, type SceneSchedule } from '../../shared/scenes';

/**
 * The wall's scene rotation from the operator's file (SCENES_FILE), checked at start: a bad file stops
 * the server with every problem named, rather than walls rotating through something half-read.
 */
export function loadSceneSchedule(path: string | null): SceneSchedule {
  if (!path) return DEFAULT_SCHEDULE;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`SCENES_FILE ${path}: cannot read it as JSON: ${(err as Error).message}`);
  }
  const r = parseSceneSchedule(json);
  if ('errors' in r) throw new Error(`SCENES_FILE ${path}:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
  return r.schedule;
}
