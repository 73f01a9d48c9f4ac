import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import type { DayKey } from '../../shared/brand';
import type { DayResponse, PeriodResponse } from '../../shared/history';
import { addDays, dayOf } from '../../shared/time';
import { eventually, startTestApp } from '../support/app';
import { received } from '../support/events';
import { STORES } from '../support/stores';

const NOW = Date.parse('2026-11-24T10:00:00+07:00');
const TODAY = dayOf(NOW);
const at = (day: DayKey, hhmm: string) => `${day}T${hhmm}:00+07:00`;

describe.each(STORES)(
  'HISTORY_FROM: the first day whose numbers are complete (%s store)',
  (name, makeStore) => {
    const clock = manualClock(NOW);
    let store: Store;
    let cleanup: () => Promise<void>;
    let sut: Awaited<ReturnType<typeof startTestApp>>;
    const from = addDays(TODAY, -5);
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore(`history-from-${name}`));
      sut = await startTestApp(store, { clock, historyFrom: from });
    });
    afterEach(async () => {
      await sut.close();
      await cleanup();
    });

    it('reads days before it as unknown, yet counts what their events left open', async () => {
      // A straggler from before the complete history: received 20 days ago, still open (connected sources
      // send the receipts of what is still open), and one dossier of the complete days.
      const old = addDays(TODAY, -20);
      const post = await sut.post([
        received({ dossierId: 'OLD', at: at(old, '09:00'), dueAt: at(addDays(old, 2), '17:00') }),
        received({
          dossierId: 'NEW',
          at: at(addDays(TODAY, -2), '09:00'),
          dueAt: at(addDays(TODAY, 5), '17:00'),
        }),
      ]);
      expect(post.status).toBe(202);
      const get = async <T>(q: string) => (await (await fetch(`${sut.baseUrl}/api/v1/kpis${q}`)).json()) as T;
      const row = (r: { kpis: { id: string; value: number | null }[] }, id: string) =>
        r.kpis.find((k) => k.id === id)?.value;
      await eventually(async () => row(await get<DayResponse>(''), 'open.late') === 1);

      const before = await get<DayResponse>(`?date=${addDays(from, -1)}`);
      expect(before).toMatchObject({ known: false, reason: 'beforeData', dataFrom: from });
      expect(row(before, 'received')).toBeNull();
      // From the first complete day on, the straggler is there: open and late.
      const first = await get<DayResponse>(`?date=${from}`);
      expect([row(first, 'open.late'), row(first, 'received')]).toEqual([1, 0]);
      const month = await get<PeriodResponse>('/period?period=30d');
      expect(month.coverage).toBe('partial');
      expect(month.previous.coverage).toBe('none');
      expect(row(month, 'received')).toBe(1);
      expect(month.kpis.find((k) => k.id === 'received')?.previous.value).toBeNull();
    });
  },
);
