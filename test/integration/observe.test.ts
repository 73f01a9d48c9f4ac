import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Welcome } from '../../shared/socket';
import { createMemoryStore } from '../../server/store/index';
import { received } from '../support/events';
import { eventually, startTestApp } from '../support/app';

type Sut = Awaited<ReturnType<typeof startTestApp>>;
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** One sample of the Prometheus text: `name{labels} value`. */
async function sample(
  sut: Sut,
  series: string,
  headers: Record<string, string> = {},
): Promise<number | null> {
  const text = await (await fetch(`${sut.baseUrl}/metrics`, { headers })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

const today = (id: string) =>
  received({
    id,
    dossierId: `OB-${id}`,
    at: new Date().toISOString(),
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
  });

describe('metrics, readiness and request ids', () => {
  let sut: Sut;
  afterEach(() => sut.close());

  it('has every metric the data centre watches, and they move with an ingest', async () => {
    sut = await startTestApp(createMemoryStore());
    const text = await (await fetch(`${sut.baseUrl}/metrics`)).text();
    for (const name of [
      'ioc_events_ingested_total',
      'ioc_events_applied_total',
      'ioc_events_rejected_total{reason="invalid"}',
      'ioc_aggregator_lag',
      'ioc_stream_length',
      'ioc_screens_connected{kind="loopback"}',
      'ioc_frames_sent_total',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
    ])
      expect(text).toContain(`\n${name} `);

    const screen = sut.socket();
    const welcome = await new Promise<Welcome>((resolve) => screen.once('server:welcome', resolve));
    expect(welcome.version).toBe(version);
    await new Promise((resolve) => screen.emit('feed:subscribe', { feed: 'province' }, resolve));
    expect(await sample(sut, 'ioc_screens_connected{kind="loopback"}')).toBe(1);

    expect((await sut.post([today('m1'), today('m2'), today('m3')])).status).toBe(202);
    expect((await sut.post([{ ...today('bad'), commune: 'x' }])).status).toBe(400);
    expect(await sample(sut, 'ioc_events_ingested_total')).toBe(3);
    expect(await sample(sut, 'ioc_events_rejected_total{reason="invalid"}')).toBe(1);
    await eventually(async () => (await sample(sut, 'ioc_events_applied_total')) === 3);
    await eventually(async () => (await sample(sut, 'ioc_frames_sent_total'))! > 0);
    // The frame that reached the one screen was timed: its cost per screen is known, and positive.
    expect(await sample(sut, 'ioc_frame_fanout_us_per_screen{feed="province"}')).toBeGreaterThan(0);
    expect(await sample(sut, 'ioc_aggregator_lag')).toBe(0);
  });

  it('shows /metrics to loopback or the bearer token only', async () => {
    sut = await startTestApp(createMemoryStore(), { metricsToken: 'metrics-token-0123456789' });
    expect((await fetch(`${sut.baseUrl}/metrics`)).status).toBe(200);
    // Relayed by a proxy: not this machine.
    const relayed = { 'x-forwarded-for': '203.0.113.7' };
    expect((await fetch(`${sut.baseUrl}/metrics`, { headers: relayed })).status).toBe(404);
    const wrong = { ...relayed, authorization: 'Bearer metrics-token-9876543210' };
    expect((await fetch(`${sut.baseUrl}/metrics`, { headers: wrong })).status).toBe(404);
    const right = { ...relayed, authorization: 'Bearer metrics-token-0123456789' };
    expect((await fetch(`${sut.baseUrl}/metrics`, { headers: right })).status).toBe(200);
  });

  it('is ready once listening, not while the aggregators lag past the bound, nor once draining', async () => {
    sut = await startTestApp(createMemoryStore(), { aggregate: false, readyMaxLag: 2 });
    const ready = async () => {
      const r = await fetch(`${sut.baseUrl}/readyz`);
      return { status: r.status, ...((await r.json()) as { state: string; lag: number | null }) };
    };
    expect(await ready()).toMatchObject({ status: 200, state: 'ready', lag: 0 });
    // Three entries (the lag counts entries, and a batch goes in one).
    for (const id of ['l1', 'l2', 'l3']) expect((await sut.post([today(id)])).status).toBe(202);
    expect(await ready()).toMatchObject({ status: 503, state: 'ready', lag: 3 });
    sut.app.readiness.drain();
    expect(await ready()).toMatchObject({ status: 503, state: 'draining' });
  });

  it('answers /api data with no-store and every request with an id, taking a sane one given', async () => {
    sut = await startTestApp(createMemoryStore());
    const kpis = await fetch(`${sut.baseUrl}/api/v1/kpis?scope=province`);
    expect(kpis.headers.get('cache-control')).toBe('no-store');
    expect(kpis.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await fetch(`${sut.baseUrl}/healthz`, { headers: { 'x-request-id': 'nginx-7f3a' } });
    expect(given.headers.get('x-request-id')).toBe('nginx-7f3a');
    expect(((await given.json()) as { version: string }).version).toBe(version);
  });
});
