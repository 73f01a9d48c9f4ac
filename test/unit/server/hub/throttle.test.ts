import { describe, expect, it } from 'vitest';
import { LeadingThrottle } from '../../../../server/hub/throttle';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(LeadingThrottle.name, () => {
  it('runs at once on a quiet path (leading edge)', async () => {
    const runs: number[] = [];
    const start = performance.now();
    const th = new LeadingThrottle(100, async () => void runs.push(performance.now() - start));
    th.request();
    await tick(5);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBeLessThan(50);
  });

  it('coalesces a burst into one trailing run per period', async () => {
    let runs = 0;
    const th = new LeadingThrottle(50, async () => void runs++);
    for (let i = 0; i < 100; i++) th.request();
    await tick(5);
    expect(runs).toBe(1);
    await tick(80);
    expect(runs).toBe(2);
    await tick(80);
    expect(runs).toBe(2);
  });

  it('never runs twice at the same time, and runs again for a request made during a run', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const th = new LeadingThrottle(1, async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs++;
      await tick(20);
      active--;
    });
    th.request();
    await tick(5);
    th.request();
    await tick(60);
    expect(maxActive).toBe(1);
    expect(runs).toBe(2);
  });
});
