import { applyBatch } from '../../server/aggregate/apply-batch';
import { Users } from '../../server/auth/users';
import { systemClock } from '../../server/clock';
import { createRedisStore } from '../../server/store/index';
import type { DossierPage } from '../../shared/dossier-list';
import type { EventOf } from '../../shared/events';
import { quantile } from '../support/follower';
import { Rng } from '../support/random-events';
import { newKeys, ServerProcess } from './server';

export interface DossierPagesResult {
  open: number;
  late: number;
  dueSoon: number;
  pages: number;
  /** Fill time: the aggregator's own commits of `open` receptions, straight into Redis (s). */
  fillSeconds: number;
  /** Request to parsed answer, over loopback HTTP, per page of 100 (ms). */
  p50: number;
  p99: number;
  max: number;
}

const PASSWORD = 'bench-leader-password';
const HOUR = 3_600_000;
const COMMUNES = Array.from({ length: 20 }, (_, i) => String(4 + i * 3).padStart(5, '0'));
const AGENCIES = ['so-tu-phap', 'so-xay-dung', 'so-khcn', 'cong-an-tp', 'so-tai-chinh', 'ubnd-phuong'];

/**
 * `open` dossiers open in Redis (60% late by up to 30 days, the rest due within two days), folded and
 * committed by the aggregator's own code (applyBatch, store.commit) so the records and indexes are the
 * product's; then a leader pages the product's GET /api/v1/dossiers, 100 a page, in a server process of
 * its own: the first page and the pages after it, late and due soon, province and a commune.
 */
export async function measureDossierPages(
  redisUrl: string,
  prefix: string,
  open = 100_000,
  pagesPerList = 25,
): Promise<DossierPagesResult> {
  const store = await createRedisStore({ url: redisUrl, prefix });
  const rng = new Rng(766);
  const now = Date.now();
  const fillStart = performance.now();
  try {
    for (let from = 0; from < open; from += 2_000) {
      const batch = [];
      for (let i = from; i < Math.min(open, from + 2_000); i++) {
        const isLate = rng.chance(0.6);
        const dueAt = isLate
          ? now - rng.int(1, 30 * 24) * HOUR + rng.int(0, HOUR)
          : now + rng.int(1, 48 * HOUR);
        const event: EventOf<'dossier.received'> = {
          id: `bench-r-${i}`,
          type: 'dossier.received',
          source: 'one_stop',
          at: new Date(Math.min(dueAt, now) - 5 * 24 * HOUR).toISOString(),
          commune: rng.pick(COMMUNES),
          agency: rng.pick(AGENCIES),
          dossierId: `BENCH-${String(i).padStart(7, '0')}`,
          procedure: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
          channel: 'online',
          onlineLevel: 'full',
          dueAt: new Date(dueAt).toISOString(),
          synced: true,
          feeVnd: 0,
        };
        batch.push({ entryId: `${i + 1}-0`, event });
      }
      const { commit } = applyBatch(new Map(), batch);
      if (!(await store.commit(commit))) throw new Error('a fill commit was refused');
    }
    await new Users(store, systemClock).add({
      login: 'lanh.dao',
      name: 'Lãnh đạo',
      role: 'leader',
      password: PASSWORD,
    });
  } finally {
    await store.close();
  }
  const fillSeconds = (performance.now() - fillStart) / 1000;

  const server = await ServerProcess.start({ redisUrl, prefix, keys: newKeys() });
  try {
    const signed = await fetch(`${server.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'lanh.dao', password: PASSWORD }),
    });
    const cookie = (signed.headers.get('set-cookie') ?? '').split(';')[0]!;
    // Warm-up, not timed: the server's first requests compile its code paths and open its connections.
    for (let i = 0; i < 10; i++) {
      await fetch(`${server.baseUrl}/api/v1/dossiers?scope=province&state=late&limit=100`, {
        headers: { cookie },
      });
    }
    const times: number[] = [];
    const totals: Record<string, number> = {};
    for (const list of [
      'scope=province&state=late',
      'scope=province&state=dueSoon&hours=24',
      `scope=commune:${COMMUNES[0]}&state=late`,
    ]) {
      let cursor: string | null = null;
      for (let page = 0; page < pagesPerList; page++) {
        const t0 = performance.now();
        const res = await fetch(
          `${server.baseUrl}/api/v1/dossiers?${list}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
          { headers: { cookie } },
        );
        const body = (await res.json()) as DossierPage;
        times.push(performance.now() - t0);
        if (res.status !== 200 || body.rows.length !== 100) {
          throw new Error(`${list} page ${page}: ${res.status}, ${body.rows?.length} rows`);
        }
        totals[list] = body.total;
        cursor = body.nextCursor;
      }
    }
    return {
      open,
      late: totals['scope=province&state=late'] ?? -1,
      dueSoon: totals['scope=province&state=dueSoon&hours=24'] ?? -1,
      pages: times.length,
      fillSeconds,
      p50: quantile(times, 0.5),
      p99: quantile(times, 0.99),
      max: Math.max(...times),
    };
  } finally {
    await server.stop();
  }
}
