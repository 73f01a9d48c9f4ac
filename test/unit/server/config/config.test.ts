import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/config/config';
import { demoStart, simStart } from '../../../../server/config/demo-clock';
import { ApiKeys, parseKeySpec } from '../../../../server/ingest/api-keys';

describe(loadConfig.name, () => {
  it('defaults to the embedded store, Hà Nội, port 8080 and the simulator on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      redisUrl: null,
      province: '01',
      maxFps: 100,
      unitsFps: 4,
      frameCpuShare: 0.35,
    });
    expect(c.simulator).toEqual({ on: true, speed: 1, seed: 2025, start: 'auto' });
  });

  it('turns the simulator off by default when Redis is configured', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).simulator.on).toBe(false);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', SIMULATOR: 'on' }).simulator.on).toBe(true);
  });

  it('runs the aggregator on a thread of its own only when told, and only with Redis', () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6379' };
    expect(loadConfig(redis).aggregatorThread).toBe(false);
    expect(loadConfig({ ...redis, AGGREGATOR_THREAD: 'on' }).aggregatorThread).toBe(true);
    // The embedded store lives in the main thread: a thread could not reach it.
    expect(loadConfig({ AGGREGATOR_THREAD: 'on' }).aggregatorThread).toBe(false);
    expect(() => loadConfig({ ...redis, AGGREGATOR_THREAD: 'yes please' })).toThrow(/AGGREGATOR_THREAD/);
  });

  it('lets screens on this machine watch without credentials only in the demo, unless told', () => {
    expect(loadConfig({}).loopbackWatch).toBe(true);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).loopbackWatch).toBe(false);
    expect(loadConfig({ SIMULATOR: 'off' }).loopbackWatch).toBe(false);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', SIMULATOR: 'on' }).loopbackWatch).toBe(true);
    expect(loadConfig({ LOOPBACK_WATCH: 'off' }).loopbackWatch).toBe(false);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', LOOPBACK_WATCH: 'on' }).loopbackWatch).toBe(
      true,
    );
    expect(() => loadConfig({ LOOPBACK_WATCH: 'maybe' })).toThrow(/LOOPBACK_WATCH/);
  });

  it('takes a Redis prefix with one hash tag, so a Cluster could keep the wall in one slot', () => {
    expect(loadConfig({ REDIS_PREFIX: 'ioc:{hanoi}:' }).redisPrefix).toBe('ioc:{hanoi}:');
    expect(loadConfig({}).redisPrefix).toBe('ioc:');
    for (const bad of ['ioc:{}:', 'ioc:{a}{b}:', 'ioc:{a:', 'ioc }:', 'ioc:*'])
      expect(() => loadConfig({ REDIS_PREFIX: bad })).toThrow(/REDIS_PREFIX/);
  });

  it('takes one minimum sample for rankings (MIN_SAMPLE), 20 dossiers by default, and names a bad one', () => {
    expect(loadConfig({}).minSample).toBe(20);
    expect(loadConfig({ MIN_SAMPLE: '30' }).minSample).toBe(30);
    expect(loadConfig({ MIN_SAMPLE: ' 1 ' }).minSample).toBe(1);
    expect(() => loadConfig({ MIN_SAMPLE: 'twenty' })).toThrow(
      'Invalid configuration:\n  MIN_SAMPLE: must be a whole number of dossiers, e.g. 20',
    );
    expect(() => loadConfig({ MIN_SAMPLE: '2.5' })).toThrow(/MIN_SAMPLE: must be a whole number/);
    expect(() => loadConfig({ MIN_SAMPLE: '0' })).toThrow('MIN_SAMPLE: must be at least 1 dossier');
    expect(() => loadConfig({ MIN_SAMPLE: '-5' })).toThrow(/MIN_SAMPLE: must be a whole number/);
    expect(() => loadConfig({ MIN_SAMPLE: '100001' })).toThrow('MIN_SAMPLE: must be at most 100000');
  });

  it('waits for replicas only when told', () => {
    expect(loadConfig({}).redisMinReplicas).toBe(0);
    expect(loadConfig({ REDIS_MIN_REPLICAS: '1' }).redisMinReplicas).toBe(1);
    expect(() => loadConfig({ REDIS_MIN_REPLICAS: 'one' })).toThrow(/REDIS_MIN_REPLICAS/);
  });

  it("takes the frames' CPU share (FRAME_CPU_SHARE) in (0, 1] and MAX_FPS up to 1000 as a ceiling", () => {
    expect(loadConfig({ FRAME_CPU_SHARE: '0.5', MAX_FPS: '250' })).toMatchObject({
      frameCpuShare: 0.5,
      maxFps: 250,
    });
    for (const bad of ['0', '-0.1', '1.5', 'half'])
      expect(() => loadConfig({ FRAME_CPU_SHARE: bad })).toThrow(/FRAME_CPU_SHARE/);
    expect(() => loadConfig({ MAX_FPS: '1001' })).toThrow(/MAX_FPS/);
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', PROVINCE: '02', REDIS_URL: 'http://x' })).toThrow(
      /PORT[\s\S]*REDIS_URL: must start with redis:\/\/[\s\S]*PROVINCE: must be one of the 34 province codes/,
    );
  });

  it('accepts any of the 34 provinces and a speed for the simulator', () => {
    expect(loadConfig({ PROVINCE: '79', SIM_SPEED: '60' })).toMatchObject({
      province: '79',
      simulator: { speed: 60 },
    });
  });
});

describe(parseKeySpec.name, () => {
  it("binds each key to one source and, by default, all of that source's event types", () => {
    const [k] = parseKeySpec('payments:0123456789abcdef0123');
    expect(k?.grant.source).toBe('payments');
    expect([...k!.grant.types]).toEqual(['payment.completed', 'source.heartbeat']);
  });

  it('narrows a key to the listed types, and refuses a type of another source', () => {
    const [k] = parseKeySpec('tasks:0123456789abcdef0123:task.completed');
    expect([...k!.grant.types]).toEqual(['task.completed']);
    expect(() => parseKeySpec('tasks:0123456789abcdef0123:payment.completed')).toThrow(
      /not an event type of that source/,
    );
  });

  it('refuses short keys and unknown sources without echoing the secret', () => {
    expect(() => parseKeySpec('payments:short')).toThrow(/at least 16 characters/);
    expect(() => parseKeySpec('bank:0123456789abcdef0123')).toThrow(/source must be one of/);
    try {
      parseKeySpec('bank:0123456789abcdef0123');
    } catch (e) {
      expect((e as Error).message).not.toContain('0123456789abcdef0123');
    }
  });
});

describe(ApiKeys.name, () => {
  it('finds the grant of a known key and nothing for an unknown one', () => {
    const keys = new ApiKeys();
    for (const { secret, grant } of parseKeySpec(
      'one_stop:aaaaaaaaaaaaaaaaaaaa,payments:bbbbbbbbbbbbbbbbbbbb',
    )) {
      keys.add(secret, grant);
    }
    expect(keys.check('bbbbbbbbbbbbbbbbbbbb')?.source).toBe('payments');
    expect(keys.check('cccccccccccccccccccc')).toBeNull();
  });
});

describe(demoStart.name, () => {
  const at = (s: string) => Date.parse(s);
  it('plays from now during busy office hours of a working day', () => {
    expect(demoStart(at('2026-11-23T09:30:00+07:00'))).toBe(at('2026-11-23T09:30:00+07:00'));
  });
  it('plays from 09:00 of the same working day in the evening, and of Friday on a Sunday', () => {
    expect(demoStart(at('2026-11-23T21:00:00+07:00'))).toBe(at('2026-11-23T09:00:00+07:00'));
    expect(demoStart(at('2026-11-22T03:00:00+07:00'))).toBe(at('2026-11-20T09:00:00+07:00'));
  });
  it('skips the Tết closure', () => {
    expect(demoStart(at('2026-02-18T10:00:00+07:00'))).toBe(at('2026-02-13T09:00:00+07:00'));
  });
});

describe(simStart.name, () => {
  it('takes "now", "auto" or an ISO instant, and names a bad value', () => {
    expect(simStart('now', 1000)).toBe(1000);
    expect(simStart('2026-11-23T09:00:00+07:00', Date.parse('2026-11-23T00:00:00Z'))).toBe(
      Date.parse('2026-11-23T02:00:00Z'),
    );
    expect(simStart('tomorrow', 0)).toEqual({ error: expect.stringMatching(/^SIM_START: must be/) });
  });
});
