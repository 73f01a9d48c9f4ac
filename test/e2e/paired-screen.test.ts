import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detours, PairedWall, recordDetours } from '../support/paired-wall';
import { ARTIFACTS, waitForScene } from '../support/wall';

describe('a paired wall screen, with real Redis', () => {
  const sut = new PairedWall('paired-screen');
  beforeAll(() => sut.start(), 60_000);
  afterAll(() => sut.stop());

  it('shows a pairing code, never a login form, until an operator pairs it in the console', async () => {
    await sut.wall.goto(`${sut.base}/?scene=overview`);
    await sut.wall.getByTestId('pair-code').waitFor({ timeout: 15_000 });
    await sut.wall.screenshot({ path: `${ARTIFACTS}/paired-1-code.png` });
    expect(await sut.wall.locator('input[type="password"]').count()).toBe(0);

    const code = await sut.pair();
    expect(code).toMatch(/^[A-Z2-9]{3}-[A-Z2-9]{3}$/);
    expect(sut.deviceId).toBeTruthy();
    // The screen noticed by itself and became the wall, with no reload.
    await sut.wall.waitForSelector('[data-connection="live"]');
    await sut.wall.screenshot({ path: `${ARTIFACTS}/paired-2-wall.png` });
    await sut.operator.screenshot({ path: `${ARTIFACTS}/paired-2-console.png` });
  });

  it('survives a server crash and restart without reaching a pairing or sign-in page', async () => {
    await recordDetours(sut.wall);
    await sut.wall.reload();
    await waitForScene(sut.wall, 'overview', 30_000);
    await sut.crashAndRestart();
    await waitForScene(sut.wall, 'overview');
    const seen = await detours(sut.wall);
    expect(seen.filter((d) => !d.endsWith('load /'))).toEqual([]);
    expect(sut.foreign()).toEqual([]);
  }, 90_000);

  it('is cut off within seconds when the operator revokes it, and shows a new code', async () => {
    const { operator, wall } = sut;
    await operator.reload();
    const row = operator.locator(`[data-testid="device-row"][data-device-id="${sut.deviceId}"]`);
    await row.getByTestId('revoke').click();
    const revokedAt = Date.now();
    await row.getByTestId('revoke-confirm').click();
    await wall.getByTestId('pair-code').waitFor({ timeout: 10_000 });
    const cutOffMs = Date.now() - revokedAt;
    expect(cutOffMs).toBeLessThan(5_000);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('revoked');
    // No numbers stay on screen for a screen that is no longer trusted.
    expect(await wall.locator('.wall').count()).toBe(0);
    await wall.screenshot({ path: `${ARTIFACTS}/paired-4-revoked.png` });
  });
});
