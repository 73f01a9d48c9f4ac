import { describe, expect, it } from 'vitest';
import { QueueFull, RenderQueue, RenderTimeout, withTimeout } from '../../../../server/render/queue';

/** A job that ends when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('RenderQueue', () => {
  it('runs at most `concurrency` jobs, the rest in order of arrival, and refuses beyond the line', async () => {
    const q = new RenderQueue({ concurrency: 2, maxWaiting: 3 });
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const runs = gates.map((g, i) =>
      q.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(q.waiting).toBe(3);
    await expect(q.run(async () => 99)).rejects.toBeInstanceOf(QueueFull);

    gates[1]!.open();
    await runs[1];
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(q.waiting).toBe(0);
    // Every slot came back: two run at once again.
    const again = [gate(), gate()];
    const seen: number[] = [];
    const both = again.map((g, i) => q.run(async () => (seen.push(i), g.opened)));
    await Promise.resolve();
    expect(seen).toEqual([0, 1]);
    for (const g of again) g.open();
    await Promise.all(both);
  });

  it('gives the slot back when a job fails', async () => {
    const q = new RenderQueue({ concurrency: 1, maxWaiting: 0 });
    await expect(q.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run(async () => 'next')).toBe('next');
  });
});

describe('withTimeout', () => {
  it('answers the work when it is in time, and RenderTimeout (after cleaning up) when it is not', async () => {
    expect(await withTimeout(Promise.resolve(7), 1000, () => {})).toBe(7);
    let cleaned = false;
    const never = new Promise<number>(() => {});
    await expect(withTimeout(never, 20, () => (cleaned = true))).rejects.toBeInstanceOf(RenderTimeout);
    expect(cleaned).toBe(true);
  });
});
