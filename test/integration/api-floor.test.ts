import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../server/store/index';
import type { Store } from '../../server/store/types';
import { startTestApp } from '../support/app';

describe('the floor guard of /api/v1', () => {
  let store: Store;
  let sut: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    store = createMemoryStore();
    sut = await startTestApp(store, {
      loopbackWatch: true,
      // A router added as any new one would be, with no guard of its own.
      extraRoutes: (app) => {
        const forgotten = express.Router();
        forgotten.get('/', (_req, res) => void res.json({ secret: 42 }));
        app.use('/api/v1/forgotten', forgotten);
      },
    });
  });
  afterAll(async () => {
    await sut.close();
    await store.close();
  });

  it('closes a new route without its own guard to an anonymous caller (401)', async () => {
    // Through a proxy: not loopback, and no credential.
    const res = await fetch(`${sut.baseUrl}/api/v1/forgotten`, {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: 'Cần đăng nhập hoặc thiết bị đã ghép nối',
      errorEn: 'Sign-in or a paired device needed',
    });
  });

  it('serves it to a principal that may watch', async () => {
    const res = await fetch(`${sut.baseUrl}/api/v1/forgotten`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ secret: 42 });
  });

  it('leaves sign-in, pairing and ingest open to their own checks', async () => {
    const away = { 'x-forwarded-for': '203.0.113.9' };
    expect((await fetch(`${sut.baseUrl}/api/v1/pairing`, { headers: away })).status).toBe(200);
    const signIn = await fetch(`${sut.baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { ...away, 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'nobody', password: 'wrong password' }),
    });
    expect(signIn.status).toBe(401);
    expect(await signIn.json()).toMatchObject({ errorEn: 'Wrong login or password' });
    expect((await sut.post([], null)).status).toBe(401);
    expect((await fetch(`${sut.baseUrl}/api/v1/session`, { headers: away })).status).toBe(401);
  });
});
