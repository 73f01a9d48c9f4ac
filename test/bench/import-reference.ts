import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { DayKey } from '../../shared/brand';
import type { IocEvent } from '../../shared/events';
import type { Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import { addDays, dayOf, endOfDay } from '../../shared/time';
import { compareDay, comparePeriod, ReferenceModel, type Mismatch } from '../support/reference-kpis';

/**
 * "Counted exactly" for the import bench: the server's KPIs against the reference model of the tests
 * (test/support/reference-kpis.ts) built from the very file imported. Read for yesterday and periods
 * ending yesterday, where the server's clock and the model's are the same instant (the end of that day),
 * whenever the bench runs; "today" would move between the two readings.
 */

export interface ReferenceCheck {
  /** The queries, for the report. */
  asked: string[];
  mismatches: Mismatch[];
  /** The model's figures the check rests on (province, period ending yesterday), so a reader sees them. */
  headline: Record<string, number | null>;
}

/** Every event of an NDJSON file, in file order. */
export async function readEvents(path: string): Promise<IocEvent[]> {
  const events: IocEvent[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) events.push(JSON.parse(line) as IocEvent);
  return events;
}

/** The busiest communes and agencies of the file (by dossiers received): scopes worth checking. */
export function busiestScopes(events: readonly IocEvent[], n: number): Scope[] {
  const count = new Map<Scope, number>();
  for (const e of events) {
    if (e.type !== 'dossier.received') continue;
    for (const s of [`commune:${e.commune}`, `agency:${e.agency}`] as Scope[])
      count.set(s, (count.get(s) ?? 0) + 1);
  }
  const top = (kind: string) =>
    [...count]
      .filter(([s]) => s.startsWith(kind))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([s]) => s);
  return ['province', ...top('commune:'), ...top('agency:')];
}

/** A model read at the end of yesterday (server time: Asia/Ho_Chi_Minh). */
export function modelAtEndOfYesterday(events: readonly IocEvent[], now = Date.now()): ReferenceModel {
  return new ReferenceModel(events, endOfDay(addDays(dayOf(now), -1)));
}

export async function checkServer(
  baseUrl: string,
  model: ReferenceModel,
  scopes: readonly Scope[],
  periods: readonly Period[],
): Promise<ReferenceCheck> {
  const day: DayKey = model.today;
  const asked: string[] = [];
  const mismatches: Mismatch[] = [];
  const get = async (path: string) => {
    asked.push(path);
    const res = await fetchOnceMore(`${baseUrl}${path}`);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as unknown;
  };
  // The model's answers first: computing them holds the event loop for seconds, and a request sent
  // after such a wait may go out on a kept-alive socket the server has closed meanwhile.
  const expected = scopes.flatMap((scope) => [
    { path: `/api/v1/kpis?scope=${scope}&date=${day}`, query: `date=${day}`, day: model.day(scope, day) },
    ...periods.map((period) => ({
      path: `/api/v1/kpis/period?scope=${scope}&period=${period}&end=${day}`,
      query: `period=${period}&end=${day}`,
      period: model.period(scope, period),
    })),
  ]);
  for (const e of expected) {
    const answer = await get(e.path);
    mismatches.push(
      ...('day' in e ? compareDay(e.day, answer, e.query) : comparePeriod(e.period, answer, e.query)),
    );
  }
  const headline: Record<string, number | null> = {};
  const province = model.period('province', periods.at(-1) ?? '30d');
  for (const id of ['received', 'resolved.onTime', 'resolved.late', 'payments.count', 'open.late'])
    headline[id] = province.kpis.find((k) => k.id === id)?.value ?? null;
  return { asked, mismatches, headline };
}

/**
 * fetch, tried a second time on a network error: after the bench's event loop was busy for seconds
 * (building the model), the first request may go out on a kept-alive socket the server has closed.
 */
async function fetchOnceMore(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}
