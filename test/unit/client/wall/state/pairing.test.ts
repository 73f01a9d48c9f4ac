import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backoffMs,
  jitter,
  MAX_BACKOFF_MS,
  Pairing,
  POLL_MS,
} from '../../../../../client/wall/state/pairing.svelte';
import { PAIRING_TTL_MS, type PairingStatus } from '../../../../../shared/admin';

const T0 = Date.UTC(2025, 10, 12, 7, 0, 0);
const pending = (code = 'K7M4QX', expiresAt = T0 + 600_000): PairingStatus => ({
  state: 'pending',
  code,
  expiresAt,
});
const paired: PairingStatus = {
  state: 'paired',
  device: { id: 'd1', name: 'Màn hình chính', place: 'Phòng điều hành' },
};
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

type Answer = Response | Error | ((method: string) => Response);

/** A fake server: answers are taken in order; each call is recorded as "GET" / "POST". */
function fakeServer(...answers: Answer[]) {
  const calls: string[] = [];
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push(method);
    const next = answers.shift();
    if (next === undefined) throw new Error(`unexpected ${method}`);
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next(method) : next;
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

/** A Pairing on a fake server with a fixed clock and no jitter (random = 0.5 → exactly the base wait). */
function sut(server: ReturnType<typeof fakeServer>, onpaired = vi.fn()) {
  const pairing = new Pairing({ fetch: server.fetch, random: () => 0.5, onpaired });
  return { pairing, onpaired };
}

describe(Pairing.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('asks for a code with POST when the server says there is none', async () => {
    const server = fakeServer(json({ state: 'none' }), json(pending()));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toEqual(['GET', 'POST']);
    expect(pairing.status).toEqual(pending());
    expect(pairing.remainingMs).toBe(600_000);
    pairing.stop();
  });

  it('keeps the code it already has (GET pending) without asking for another', async () => {
    const server = fakeServer(json(pending()));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toEqual(['GET']);
    expect(pairing.status).toEqual(pending());
    pairing.stop();
  });

  it('polls every 2 s until paired, then calls onpaired once and stops', async () => {
    const server = fakeServer(json(pending()), json(pending()), json(paired));
    const { pairing, onpaired } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(POLL_MS - 1);
    expect(server.calls).toEqual(['GET']);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toEqual(['GET', 'GET']);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(pairing.status).toEqual(paired);
    expect(onpaired).toHaveBeenCalledExactlyOnceWith(paired.device);
    expect(pairing.running).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(3);
  });

  it('asks for a new code when the server says the old one expired', async () => {
    const server = fakeServer(json(pending('AAAAAA')), json({ state: 'none' }), json(pending('BBBBBB')));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(server.calls).toEqual(['GET', 'GET', 'POST']);
    expect(pairing.status).toMatchObject({ code: 'BBBBBB' });
    pairing.stop();
  });

  it('counts down from the whole lifetime of a code it asked for, whatever the device clock says', async () => {
    // The server's clock (an accelerated demo, or a device set wrong) is 7 hours ahead of this device's.
    const serverNow = T0 + 7 * 3_600_000;
    const server = fakeServer(json({ state: 'none' }), json(pending('K7M4QX', serverNow + PAIRING_TTL_MS)));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(pairing.remainingMs).toBe(PAIRING_TTL_MS);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pairing.remainingMs).toBe(PAIRING_TTL_MS - 60_000);
    pairing.stop();
  });

  it("counts the time left on a code it did not ask for by the server's Date header", async () => {
    // The device is 1 hour behind; the code (asked for before a reload) expires 5 minutes from the server's now.
    const serverNow = T0 + 3_600_000;
    const date = new Date(serverNow).toUTCString();
    const server = fakeServer(json(pending('K7M4QX', serverNow + 300_000), 200, { date }));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(pairing.remainingMs).toBeGreaterThan(298_000);
    expect(pairing.remainingMs).toBeLessThanOrEqual(300_000);
    pairing.stop();
  });

  it('never shows more time left than a code lives, when the Date header is not the server clock', async () => {
    const date = new Date(T0 - 7 * 3_600_000).toUTCString();
    const server = fakeServer(json(pending('K7M4QX', T0 + 300_000), 200, { date }));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(pairing.remainingMs).toBe(PAIRING_TTL_MS);
    pairing.stop();
  });

  it('retries network errors forever with a growing backoff, and clears the error once answered', async () => {
    const down = new TypeError('fetch failed');
    const server = fakeServer(down, down, down, json(pending()));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(pairing.error).toBe('Không kết nối được máy chủ');
    await vi.advanceTimersByTimeAsync(2_000); // first backoff: 2 s
    expect(server.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3_999); // second: 4 s
    expect(server.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(8_000); // third: 8 s
    expect(server.calls).toHaveLength(4);
    expect(pairing.error).toBeNull();
    expect(pairing.status).toEqual(pending());
    pairing.stop();
  });

  it("waits at least the server's Retry-After when rate-limited", async () => {
    const limited = json({ error: 'Quá nhiều yêu cầu', errorEn: 'Too many requests' }, 429, {
      'retry-after': '30',
    });
    const server = fakeServer(json({ state: 'none' }), limited, json({ state: 'none' }), json(pending()));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(29_999);
    expect(server.calls).toEqual(['GET', 'POST']);
    expect(pairing.error).toBe('Quá nhiều yêu cầu');
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toEqual(['GET', 'POST', 'GET', 'POST']);
    pairing.stop();
  });

  it('survives a proxy error page (HTML) like any other failure', async () => {
    const page = new Response('<html>502 Bad Gateway</html>', { status: 502 });
    const server = fakeServer(page, json(pending()));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(pairing.error).toBe('Máy chủ báo lỗi (502)');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(pairing.status).toEqual(pending());
    pairing.stop();
  });

  it('stop() clears its timers and drops an answer still on its way', async () => {
    let release!: (r: Response) => void;
    const server = fakeServer(() => new Promise<Response>((r) => (release = r)) as unknown as Response);
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(0);
    pairing.stop();
    release(json(paired));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pairing.status).toBeNull();
    expect(server.calls).toEqual(['GET']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('wake() asks at once instead of waiting out a backoff', async () => {
    const server = fakeServer(new TypeError('down'), new TypeError('down'), json(pending()));
    const { pairing } = sut(server);
    pairing.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(server.calls).toHaveLength(2);
    pairing.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(3);
    expect(pairing.status).toEqual(pending());
    pairing.stop();
  });
});

describe('backoffMs()', () => {
  it('doubles from 2 s and stops growing at a minute', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => backoffMs(n, mid))).toEqual([
      2_000,
      4_000,
      8_000,
      16_000,
      32_000,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
      MAX_BACKOFF_MS,
    ]);
  });

  it('spreads each wait by ±25% so screens restarted together do not ask in step', () => {
    expect(jitter(2_000, () => 0)).toBe(1_500);
    expect(jitter(2_000, () => 0.999_999)).toBe(2_500);
  });
});
