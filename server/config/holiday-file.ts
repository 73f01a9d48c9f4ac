import { readFileSync } from 'node:fs';
import { DEFAULT_HOLIDAYS, parseHolidays, type CalendarDay } from '../../shared/holidays';

/**
 * The public holidays from the operator's file (HOLIDAYS_FILE), which replaces the built-in table:
 * checked at start, every problem named by its field.
 */
export function loadHolidays(path: string | null): readonly CalendarDay[] {
  if (!path) return DEFAULT_HOLIDAYS;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`HOLIDAYS_FILE ${path}: cannot read it as JSON: ${(err as Error).message}`);
  }
  const r = parseHolidays(json);
  if ('errors' in r) throw new Error(`HOLIDAYS_FILE ${path}:\n${r.errors.map((e) => `  ${e}`).join('\n')}`);
  return r.days;
}
