import { describe, expect, it } from 'vitest';
import { formatLateness } from '../../../shared/dossier-list';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatLateness', () => {
  it('says how late in the two largest units, Vietnamese first', () => {
    expect(formatLateness(3 * DAY + 4 * HOUR + 5 * MIN)).toBe('trễ 3 ngày 4 giờ');
    expect(formatLateness(3 * DAY + 5 * MIN)).toBe('trễ 3 ngày 0 giờ');
    expect(formatLateness(2 * HOUR + 30 * MIN, 'en')).toBe('2 h 30 min late');
    expect(formatLateness(45 * MIN)).toBe('trễ 45 phút');
  });

  it('says how long is left for a dossier still due', () => {
    expect(formatLateness(-(5 * HOUR + 20 * MIN))).toBe('còn 5 giờ 20 phút');
    expect(formatLateness(-(30 * 1000), 'en')).toBe('0 min left');
    expect(formatLateness(0)).toBe('còn 0 phút');
  });
});
