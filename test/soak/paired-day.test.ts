import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detours, PairedWall, recordDetours, serverDay, SPEED } from '../support/paired-wall';
import { ARTIFACTS, waitForScene } from '../support/wall';

describe('a paired wall screen through a crash and a whole simulated day', () => {
  const sut = new PairedWall('paired-day');
  beforeAll(async () => {
    await sut.start();
    await sut.pair();
  }, 90_000);
  afterAll(() => sut.stop());

  it('survives a server restart and 24 simulated hours without reaching a pairing or sign-in page', async () => {
    const { wall } = sut;
    await recordDetours(wall);
    await wall.reload();
    await waitForScene(wall, 'overview', 30_000);
    await sut.crashAndRestart();

    // A day at SPEED: the server's date moves on, and the wall stays live and paired all along.
    const firstDay = await serverDay(wall);
    const start = Date.now();
    const states: string[] = [];
    while (Date.now() - start < (86_400_000 / SPEED) * 1.1) {
      states.push((await wall.locator('.wall').getAttribute('data-connection')) ?? 'none');
      await new Promise((r) => setTimeout(r, 2_000));
    }
    const lastDay = await serverDay(wall);
    expect(lastDay).not.toBe(firstDay);
    expect(states.every((s) => s === 'live')).toBe(true);
    await waitForScene(wall, 'overview');
    const seen = await detours(wall);
    expect(seen.filter((d) => !d.endsWith('load /'))).toEqual([]);
    expect(sut.foreign()).toEqual([]);
    await wall.screenshot({ path: `${ARTIFACTS}/paired-3-after-a-day.png` });
  }, 180_000);
});
