import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RENDER_COOKIE, RENDER_PASS_MS, RenderPasses } from '../../../../server/render/render-pass';

const request = (p: {
  method?: string;
  cookie?: string;
  address?: string;
  headers?: Record<string, string>;
}) =>
  ({
    method: p.method ?? 'GET',
    headers: { ...(p.cookie ? { cookie: p.cookie } : {}), ...p.headers },
    socket: { remoteAddress: p.address ?? '127.0.0.1' },
  }) as unknown as IncomingMessage;

describe('RenderPasses', () => {
  it('admits a live pass for reads from this machine only, until revoked or a minute old', () => {
    let now = 0;
    const passes = new RenderPasses(() => now);
    const pass = passes.issue();
    const cookie = `ioc_session=x; ${RENDER_COOKIE}=${pass}`;
    expect(pass).toMatch(/^[\w-]{43}$/);
    expect(passes.admits(request({ cookie }))).toBe(true);
    expect(passes.admits(request({ cookie, method: 'HEAD' }))).toBe(true);
    expect(passes.admits(request({ cookie, address: '::ffff:127.0.0.1' }))).toBe(true);
    // Not a write, not from elsewhere, not through a proxy on this machine, not a made-up pass.
    expect(passes.admits(request({ cookie, method: 'POST' }))).toBe(false);
    expect(passes.admits(request({ cookie, method: 'DELETE' }))).toBe(false);
    expect(passes.admits(request({ cookie, address: '10.0.0.5' }))).toBe(false);
    expect(passes.admits(request({ cookie, headers: { 'x-forwarded-for': '10.0.0.5' } }))).toBe(false);
    expect(passes.admits(request({ cookie: `${RENDER_COOKIE}=${'a'.repeat(43)}` }))).toBe(false);
    expect(passes.admits(request({}))).toBe(false);

    now = RENDER_PASS_MS - 1;
    expect(passes.admits(request({ cookie }))).toBe(true);
    now = RENDER_PASS_MS;
    expect(passes.admits(request({ cookie }))).toBe(false);

    const second = passes.issue();
    expect(passes.admits(request({ cookie: `${RENDER_COOKIE}=${second}` }))).toBe(true);
    passes.revoke(second);
    expect(passes.admits(request({ cookie: `${RENDER_COOKIE}=${second}` }))).toBe(false);
  });
});
