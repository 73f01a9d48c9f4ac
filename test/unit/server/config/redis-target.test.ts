import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/config/config';
import { describeTarget, parseSentinels } from '../../../../server/store/redis-connect';

describe('where Redis is: REDIS_URL or a Sentinel group', () => {
  it('takes REDIS_URL as one Redis', () => {
    expect(loadConfig({ REDIS_URL: 'redis://10.0.0.21:6379' }).redis).toEqual({
      url: 'redis://10.0.0.21:6379',
    });
    expect(loadConfig({}).redis).toBeNull();
  });

  it('takes the sentinels and the group name, and is then a Redis deployment (no simulator)', () => {
    const c = loadConfig({
      REDIS_SENTINELS: '10.0.0.11:26379, 10.0.0.12:26380,sentinel-3.dc,[fd00::5]:26379',
      REDIS_SENTINEL_NAME: 'ioc-wall',
    });
    expect(c.redis).toEqual({
      sentinels: [
        { host: '10.0.0.11', port: 26379 },
        { host: '10.0.0.12', port: 26380 },
        { host: 'sentinel-3.dc', port: 26379 },
        { host: 'fd00::5', port: 26379 },
      ],
      sentinelName: 'ioc-wall',
    });
    expect(c.simulator.on).toBe(false);
    expect(c.loopbackWatch).toBe(false);
    expect(describeTarget(c.redis!)).toBe(
      'the primary of "ioc-wall" (sentinels 10.0.0.11:26379, 10.0.0.12:26380, sentinel-3.dc:26379, [fd00::5]:26379)',
    );
  });

  it('refuses half a group, both ways at once, and addresses that are not host:port', () => {
    expect(() => loadConfig({ REDIS_SENTINELS: '10.0.0.11:26379' })).toThrow(/REDIS_SENTINEL_NAME: required/);
    expect(() => loadConfig({ REDIS_SENTINEL_NAME: 'ioc-wall' })).toThrow(/REDIS_SENTINELS: required/);
    expect(() =>
      loadConfig({
        REDIS_URL: 'redis://10.0.0.21:6379',
        REDIS_SENTINELS: '10.0.0.11:26379',
        REDIS_SENTINEL_NAME: 'ioc-wall',
      }),
    ).toThrow(/not both/);
    expect(() => loadConfig({ REDIS_SENTINELS: '10.0.0.11:99999', REDIS_SENTINEL_NAME: 'w' })).toThrow(
      /REDIS_SENTINELS: "10.0.0.11:99999" is not host:port/,
    );
    expect(parseSentinels('a:1,,b:2')).toEqual({ error: expect.stringContaining('"" is not host:port') });
    expect(() => loadConfig({ REDIS_SENTINELS: 'a:1', REDIS_SENTINEL_NAME: 'two words' })).toThrow(
      /REDIS_SENTINEL_NAME/,
    );
  });

  it('never shows a password from REDIS_URL', () => {
    expect(describeTarget({ url: 'redis://wall:s3cret@10.0.0.21:6379/0' })).toBe(
      'redis://***@10.0.0.21:6379/0',
    );
  });
});
