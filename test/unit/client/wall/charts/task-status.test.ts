import { describe, expect, it } from 'vitest';
import { STATUS_COLOURS, taskStatusBars } from '../../../../../client/wall/charts/task-status';
import { TASK_STATUSES } from '../../../../../shared/kpis';

describe(taskStatusBars.name, () => {
  const counts: Record<string, number> = {
    'nq57.doneOnTime': 83,
    'nq57.doneLate': 15,
    'nq57.inProgress': 77,
    'nq57.overdue': 12,
    'da06.inProgress': 23,
    'da06.doneOnTime': 14,
  };
  const bars = taskStatusBars((p, s) => counts[`${p}.${s}`] ?? null);

  it('gives one bar per programme, nq57, da06, province, each with every status in order', () => {
    expect(bars.map((b) => b.programme)).toEqual(['nq57', 'da06', 'province']);
    for (const b of bars) expect(b.segments.map((s) => s.status)).toEqual([...TASK_STATUSES]);
  });

  it('stacks segments end to end, the programme filling the track', () => {
    const nq57 = bars[0]!;
    expect(nq57.total).toBe(187);
    let end = 0;
    for (const s of nq57.segments) {
      expect(s.start).toBeCloseTo(end);
      end = s.start + s.width;
    }
    expect(end).toBeCloseTo(1);
    expect(nq57.segments.find((s) => s.status === 'overdue')?.width).toBeCloseTo(12 / 187);
  });

  it('scales each programme to its own total, so a small one is as readable as a large one', () => {
    const da06 = bars[1]!;
    expect(da06.total).toBe(37);
    const last = da06.segments.at(-1)!;
    expect(last.start + last.width).toBeCloseTo(1);
    expect(da06.segments.find((s) => s.status === 'doneOnTime')?.width).toBeCloseTo(14 / 37);
  });

  it('keeps a programme without tasks as an empty bar', () => {
    const province = bars[2]!;
    expect(province.total).toBe(0);
    expect(province.segments.every((s) => s.width === 0)).toBe(true);
  });

  it('colours overdue red, always the same colour per status', () => {
    expect(STATUS_COLOURS.overdue).toBe('#ff5a5a');
    expect(bars[0]!.segments.find((s) => s.status === 'overdue')?.colour).toBe(STATUS_COLOURS.overdue);
    expect(new Set(Object.values(STATUS_COLOURS)).size).toBe(TASK_STATUSES.length);
  });
});
