import type { Random } from './random';
import { createRandom, WeightedPicker } from './random';
import { HOUR_MS, MINUTE_MS, OFFICE_SESSIONS, dayKindOf, dayStartOf, weekdayOf } from './calendar';

/**
 * When dossiers arrive (KPIS.md "Rhythm"): about 3,000 a working day for a province of ~2 million,
 * 20–40% online. Counters (in person, post) work office hours Monday to Friday and some Saturday
 * mornings; online submissions come around the clock with a daytime peak. Tết closes the counters.
 */

/** Dossiers expected on an ordinary working day, before the province's size and the day's mood. */
const BASE_DOSSIERS_PER_WORKING_DAY = 2900;
/** Monday catches the weekend's backlog; Friday afternoon is quieter. Index 0 = Sunday. */
const WEEKDAY_FACTOR = [0, 1.08, 1.02, 1.0, 0.98, 0.92, 0];
/** Share of counter dossiers that come by public post (bưu chính công ích). */
const POST_SHARE_OF_COUNTER = 0.04;
/** Online submissions on days the counters are shut, relative to a working day's online volume. */
const ONLINE_FACTOR: Record<'saturday' | 'sunday' | 'holiday', number> = {
  saturday: 0.35,
  sunday: 0.25,
  holiday: 0.2,
};
/** Saturdays with a morning counter session, and how busy that session is relative to a working day. */
const SATURDAY_OPEN_CHANCE = 0.5;
const SATURDAY_COUNTER_FACTOR = 0.12;

/** Online submissions per hour of the day (relative): low at night, peaks mid-morning and mid-afternoon. */
const ONLINE_HOURLY = [
  0.6, 0.35, 0.25, 0.2, 0.25, 0.6, 1.5, 3.5, 6, 7.5, 7.5, 6.5, 4, 4.5, 6.5, 7, 6.5, 5, 3.5, 3.5, 3.5, 3, 2,
  1.2,
];
const onlineHourPicker = new WeightedPicker(
  ONLINE_HOURLY.map((_, hour) => hour),
  (hour) => ONLINE_HOURLY[hour] ?? 0,
);
/** Counters are busiest in the first hours of each session. */
const counterSessionPicker = new WeightedPicker([0, 1], (session) => (session === 0 ? 0.56 : 0.44));

/** How many dossiers arrive on a day through each channel family. */
export interface DailyVolume {
  online: number;
  inPerson: number;
  post: number;
  /** Which counter sessions are open: none, the morning only (some Saturdays), or both. */
  counterSessions: 0 | 1 | 2;
}

/** Larger provinces get more, but not proportionally: a small mountain province still works every day. */
export function provinceScale(wardCount: number): number {
  return Math.min(1.25, Math.max(0.8, Math.sqrt(wardCount / 110)));
}

export function dailyVolume(random: Random, day: number, scale: number, provinceSeed: string): DailyVolume {
  const base = BASE_DOSSIERS_PER_WORKING_DAY * scale * Math.exp(0.05 * random.normal());
  const onlineShare = Math.min(0.37, Math.max(0.23, 0.3 + 0.025 * random.normal()));
  const kind = dayKindOf(day);
  if (kind === 'working') {
    const total = base * (WEEKDAY_FACTOR[weekdayOf(day)] ?? 1);
    const counter = total * (1 - onlineShare);
    return {
      online: Math.round(total * onlineShare),
      inPerson: Math.round(counter * (1 - POST_SHARE_OF_COUNTER)),
      post: Math.round(counter * POST_SHARE_OF_COUNTER),
      counterSessions: 2,
    };
  }
  const online = Math.round(base * onlineShare * ONLINE_FACTOR[kind]);
  const saturdayOpen = kind === 'saturday' && saturdayMorningOpen(day, provinceSeed);
  const inPerson = saturdayOpen ? Math.round(base * (1 - onlineShare) * SATURDAY_COUNTER_FACTOR) : 0;
  return { online, inPerson, post: 0, counterSessions: saturdayOpen ? 1 : 0 };
}

/** Whether a Saturday has a morning counter session; a fact of the day, independent of the plan's dice. */
function saturdayMorningOpen(day: number, provinceSeed: string): boolean {
  return createRandom(provinceSeed, 'saturday', day).chance(SATURDAY_OPEN_CHANCE);
}

const toSecond = (t: number) => Math.floor(t / 1000) * 1000;

/** A submission time on the online portal during the given day. */
export function onlineArrival(random: Random, day: number): number {
  const hour = onlineHourPicker.pick(random);
  return toSecond(dayStartOf(day) + hour * HOUR_MS + random.next() * HOUR_MS);
}

/** A time a counter takes in a dossier, within the open sessions of the day. */
export function counterArrival(random: Random, day: number, sessions: 1 | 2): number {
  const session = sessions === 1 ? 0 : counterSessionPicker.pick(random);
  const [open, close] = OFFICE_SESSIONS[session] ?? [0, 0];
  // Queues form at opening and thin out towards closing: half uniform, half a density falling to zero.
  const u = random.next();
  const position = random.chance(0.5) ? u : 1 - Math.sqrt(1 - u);
  const minute = open + Math.min(0.999, position) * (close - open);
  return toSecond(dayStartOf(day) + minute * MINUTE_MS);
}
