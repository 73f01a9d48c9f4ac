import { beforeEach, describe, expect, it } from 'vitest';
import { FanOutPacer, type FanOutPacerOptions, type PacerTimers } from '../../../../server/hub/pacer';

/** A clock and timers moved by hand: every test is deterministic, whatever the machine's load. */
class ManualTime implements PacerTimers {
  now = 0;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 0;

  set(fn: () => void, ms: number): number {
    const id = ++this.#next;
    this.#timers.set(id, { at: this.now + ms, fn });
    return id;
  }

  clear(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time to `to`, firing due timers in order (and letting the runs they start settle). */
  async advanceTo(to: number): Promise<void> {
    for (;;) {
      await settle();
      const due = [...this.#timers].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.now = Math.max(this.now, due[1].at);
      due[1].fn();
    }
    this.now = Math.max(this.now, to);
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

let time: ManualTime;
let starts: number[];
/** Each run "costs" this many ms: the clock moves by it while the run is on. */
let cost: number;
let fail: boolean;

const sut = (opts: Partial<FanOutPacerOptions> = {}) =>
  new FanOutPacer(
    async () => {
      starts.push(time.now);
      if (fail) throw new Error('store unreachable');
      time.now += cost;
      return cost;
    },
    { cpuShare: 0.35, maxPerSecond: 1000, now: () => time.now, timers: time, ...opts },
  );

/** Requests every `everyMs` from now until `untilMs`. */
async function flood(pacer: FanOutPacer, everyMs: number, untilMs: number): Promise<void> {
  while (time.now < untilMs) {
    pacer.request();
    await time.advanceTo(time.now + everyMs);
  }
}

const runsBetween = (from: number, to: number) => starts.filter((t) => t >= from && t < to).length;

describe(FanOutPacer.name, () => {
  beforeEach(() => {
    time = new ManualTime();
    starts = [];
    cost = 1;
    fail = false;
  });

  it('runs a lone request at once, and again at once after a quiet while', async () => {
    const pacer = sut();
    pacer.request();
    await settle();
    expect(starts).toEqual([0]);
    await time.advanceTo(500);
    pacer.request();
    await settle();
    expect(starts).toEqual([0, 500]);
  });

  it('coalesces a flood into runs that take the CPU share and no more', async () => {
    cost = 2;
    const pacer = sut();
    await flood(pacer, 0.5, 1000);
    const busy = starts.length * cost;
    expect(busy / 1000).toBeLessThanOrEqual(0.36);
    expect(busy / 1000).toBeGreaterThan(0.3);
    // One request at a time: every run after the first carried many requests.
    expect(starts.length).toBeLessThan(200);
    pacer.stop();
  });

  it('keeps to maxPerSecond when the runs cost next to nothing', async () => {
    cost = 0;
    const pacer = sut({ maxPerSecond: 100 });
    await flood(pacer, 1, 1000);
    expect(starts.length).toBeLessThanOrEqual(101);
    expect(starts.length).toBeGreaterThanOrEqual(95);
    pacer.stop();
  });

  it('lowers the frame rate within a second when the cost rises', async () => {
    cost = 1;
    const pacer = sut();
    await flood(pacer, 1, 1000);
    const before = runsBetween(500, 1000);
    cost = 10;
    await flood(pacer, 1, 2000);
    // 10 ms runs at 35 % of a core: one run every 28.6 ms, ~17 in half a second.
    const after = runsBetween(1500, 2000);
    expect(before).toBeGreaterThan(100);
    expect(after).toBeLessThanOrEqual(19);
    expect(pacer.stats.costMs).toBeGreaterThan(9);
    pacer.stop();
  });

  it('still runs minPerSecond times a second however much the runs cost', async () => {
    cost = 900;
    const pacer = sut({ minPerSecond: 1 });
    await flood(pacer, 10, 10_000);
    expect(pacer.stats.gapMs).toBe(1000);
    expect(starts.length).toBeGreaterThanOrEqual(5);
    pacer.stop();
  });

  it('never runs twice at once, and runs again for a request made during a run', async () => {
    let release: () => void = () => {};
    let active = 0;
    let maxActive = 0;
    const pacer = new FanOutPacer(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        starts.push(time.now);
        await new Promise<void>((r) => (release = r));
        active--;
        return 0;
      },
      { cpuShare: 0.35, maxPerSecond: 1000, now: () => time.now, timers: time },
    );
    pacer.request();
    pacer.request();
    pacer.request();
    expect(starts).toHaveLength(1);
    release();
    await time.advanceTo(10);
    expect(starts).toHaveLength(2);
    release();
    await time.advanceTo(20);
    expect(starts).toHaveLength(2);
    expect(maxActive).toBe(1);
  });

  it('stop() clears its timer and ignores later requests', async () => {
    cost = 10;
    const pacer = sut();
    pacer.request();
    pacer.request();
    await settle();
    expect(time.pending).toBe(1);
    pacer.stop();
    expect(time.pending).toBe(0);
    pacer.request();
    await time.advanceTo(1000);
    expect(starts).toEqual([0]);
  });

  it('retries a failed run after retryMs, then paces as before', async () => {
    fail = true;
    const pacer = sut({ retryMs: 200 });
    pacer.request();
    await settle();
    pacer.request();
    await time.advanceTo(199);
    expect(starts).toEqual([0]);
    fail = false;
    await time.advanceTo(200);
    expect(starts).toEqual([0, 200]);
    await time.advanceTo(1000);
    expect(starts).toHaveLength(2);
    expect(time.pending).toBe(0);
  });

  it('learns nothing from a run that reports no cost (NaN)', async () => {
    cost = 10;
    let report = 10;
    const pacer = new FanOutPacer(
      async () => {
        time.now += cost;
        return report;
      },
      { cpuShare: 0.5, maxPerSecond: 1000, now: () => time.now, timers: time },
    );
    pacer.request();
    await time.advanceTo(100);
    report = Number.NaN;
    pacer.request();
    await time.advanceTo(200);
    expect(pacer.stats).toMatchObject({ runs: 2, costMs: 10, gapMs: 10 });
  });

  it('refuses a CPU share outside (0, 1]', () => {
    expect(() => sut({ cpuShare: 0 })).toThrow(RangeError);
    expect(() => sut({ cpuShare: 1.5 })).toThrow(RangeError);
  });
});
