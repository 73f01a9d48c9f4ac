import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../server/clock';
import type { Store } from '../../server/store/types';
import { BASIS_AT_KEY, basisKey } from '../../shared/compare';
import { basisWords } from '../../shared/compare-basis';
import { basisAtOf, basisDayName, curveOf } from '../../shared/curves';
import type { KpiKey, WireKpi } from '../../shared/socket';
import { eventually, kpi, startTestApp, TEST_KEYS, type TestSocket } from '../support/app';
import { payment, received } from '../support/events';
import { STORES } from '../support/stores';

const t = (s: string) => Date.parse(s);

/** The province feed as a screen holds it: the snapshot, then every frame folded in. */
async function provinceValues(socket: TestSocket): Promise<Map<KpiKey, WireKpi>> {
  const values = new Map<KpiKey, WireKpi>();
  socket.on('kpi:frame', (f) => {
    for (const [k, v] of Object.entries(f.kpis) as [KpiKey, WireKpi][]) values.set(k, v);
  });
  const r = await socket.timeout(5000).emitWithAck('feed:subscribe', { feed: 'province' });
  if ('error' in r || r.data.kind !== 'snapshot') throw new Error('expected a snapshot');
  // A frame already folded in is newer than the snapshot.
  for (const [k, v] of Object.entries(r.data.snapshot.kpis) as [KpiKey, WireKpi][]) {
    if (!values.has(k)) values.set(k, v);
  }
  return values;
}

describe.each(STORES)(
  'the same time of the previous working day, in the province feed (%s store)',
  (name, makeStore) => {
    const clock = manualClock(t('2026-11-24T10:00:00+07:00'));
    let store: Store;
    let cleanup: () => Promise<void>;
    let sut: Awaited<ReturnType<typeof startTestApp>>;
    beforeEach(async () => {
      clock.set(t('2026-11-24T10:00:00+07:00'));
      ({ store, cleanup } = await makeStore(`yesterday-${name}`));
      sut = await startTestApp(store, { clock });
    });
    afterEach(async () => {
      await sut.close();
      await cleanup();
    });

    it('sums yesterday up to this minute exactly, and moves on with the clock', async () => {
      const due = '2026-11-30T17:00:00+07:00';
      const at = (hhmm: string, day = '23') => `2026-11-${day}T${hhmm}:00+07:00`;
      const dossiers = [
        received({ dossierId: 'y1', at: at('08:10'), channel: 'online', dueAt: due }),
        received({ dossierId: 'y2', at: at('09:30'), channel: 'in_person', dueAt: due }),
        received({ dossierId: 'y3', at: at('09:59'), channel: 'online', dueAt: due }),
        received({ dossierId: 'y4', at: at('15:00'), channel: 'online', dueAt: due }),
        received({ dossierId: 'y5', at: at('15:00'), channel: 'post', dueAt: due }),
        received({ dossierId: 't1', at: at('09:00', '24'), channel: 'online', dueAt: due }),
        received({ dossierId: 't2', at: at('09:30', '24'), channel: 'post', dueAt: due }),
      ];
      expect((await sut.post(dossiers)).status).toBe(202);
      const payments = [
        payment({ dossierId: 'y1', at: at('09:00'), amountVnd: 50_000 }),
        payment({ dossierId: 'y4', at: at('15:00'), amountVnd: 70_000 }),
      ];
      expect((await sut.post(payments, TEST_KEYS.payments)).status).toBe(202);
      await eventually(
        async () => kpi((await sut.kpis('scope=province&date=2026-11-23')).body, 'received') === 5,
      );
      await eventually(async () => kpi((await sut.kpis()).body, 'received') === 2);

      const values = await provinceValues(sut.socket());
      // Yesterday's buckets are re-read every 10 s of server time, events or not.
      clock.advance(11_000);
      const at10 = await eventually(() => values.get(basisKey('received'))?.[0] === 3 && values);
      expect(at10.get(basisKey('received'))).toEqual([3, 3, null]);
      expect(at10.get(basisKey('received.online'))).toEqual([2, 2, null]);
      expect(at10.get(basisKey('onlineShare'))).toEqual([2 / 3, 2, 3]);
      expect(at10.get(basisKey('payments.count'))).toEqual([1, 1, null]);
      expect(at10.get(basisKey('payments.amount'))).toEqual([50_000, 50_000, null]);
      expect(at10.get('province|received')).toEqual([2, 2, null]);
      // Only KPIs rebuilt exactly from minute buckets are compared: nothing for the on-time rate.
      expect(at10.has(basisKey('onTimeRate'))).toBe(false);

      // At 15:00 the minute of yesterday's 15:00 dossiers is in, with no new event.
      clock.set(t('2026-11-24T15:00:00+07:00'));
      await eventually(() => values.get(basisKey('received'))?.[0] === 5);
      expect(values.get(basisKey('onlineShare'))).toEqual([3 / 5, 3, 5]);
      expect(values.get(basisKey('payments.amount'))).toEqual([120_000, 120_000, null]);
    });
    it('compares a Monday morning with Friday at the same time, not with Sunday, and says so', async () => {
      const monday = t('2026-11-30T08:05:00+07:00');
      clock.set(monday);
      const due = '2026-12-31T17:00:00+07:00';
      const on = (day: string, hhmm: string) => `2026-11-${day}T${hhmm}:00+07:00`;
      const dossiers = [
        // Friday 27: two by 8:05, one after.
        received({ dossierId: 'f1', at: on('27', '07:40'), dueAt: due }),
        received({ dossierId: 'f2', at: on('27', '08:04'), dueAt: due }),
        received({ dossierId: 'f3', at: on('27', '09:00'), dueAt: due }),
        // Sunday 29: offices shut, a few online submissions; not the basis.
        received({ dossierId: 's1', at: on('29', '07:00'), dueAt: due }),
        // Monday 30.
        ...['07:31', '07:45', '07:50', '08:00', '08:01'].map((hhmm, i) =>
          received({ dossierId: `m${i}`, at: on('30', hhmm), dueAt: due }),
        ),
      ];
      expect((await sut.post(dossiers)).status).toBe(202);
      await eventually(async () => kpi((await sut.kpis()).body, 'received') === 5);
      await eventually(
        async () => kpi((await sut.kpis('scope=province&date=2026-11-27')).body, 'received') === 3,
      );
      const values = await provinceValues(sut.socket());
      clock.advance(11_000);
      await eventually(() => values.get(basisKey('received'))?.[0] === 2);
      const at = values.get(BASIS_AT_KEY)?.[0];
      expect(at).toBe(t('2026-11-27T08:05:00+07:00'));
      // What the tile writes beside the delta.
      expect(basisWords(at ?? NaN, clock.now(), 'vi')).toBe('so với 8:05 thứ Sáu');
      expect(basisWords(at ?? NaN, clock.now(), 'en')).toBe('vs Fri 8:05');
      // The hourly charts' comparison curve is Friday's whole day too (not Sunday's, not empty), and
      // their title names the same day as the tiles.
      const basisCurve = curveOf(values, 'basis', 'received');
      expect(basisCurve.slice(6, 10)).toEqual([0, 1, 1, 1]);
      expect(basisCurve.reduce((a, n) => a + n, 0)).toBe(3);
      expect(curveOf(values, 'today', 'received').slice(7, 9)).toEqual([3, 2]);
      expect(basisAtOf(values)).toBe(at);
      expect(basisDayName(basisAtOf(values), clock.now(), 'vi')).toBe('thứ Sáu');
      expect(basisDayName(basisAtOf(values), clock.now(), 'en')).toBe('Friday');
    });
  },
);
