import { describe, expect, it } from 'vitest';
import { pagesOfCount, pagesThatFit } from '../../../../client/wall/widgets/ticker-pages';

describe("the alert ticker's pages", () => {
  it('puts side by side what fits, gaps included, in order', () => {
    // 300 + 10 + 300 + 10 + 300 = 920 fits 1000; a fourth does not.
    expect(pagesThatFit([300, 300, 300, 300], 1000, 10, 5)).toEqual([[0, 1, 2], [3]]);
    // Exactly full still fits.
    expect(pagesThatFit([495, 495], 1000, 10, 5)).toEqual([[0, 1]]);
    expect(pagesThatFit([495, 496], 1000, 10, 5)).toEqual([[0], [1]]);
  });

  it('gives a long alert a page of its own rather than cut it, and keeps the order (most urgent first)', () => {
    expect(pagesThatFit([200, 900, 200, 200], 1000, 10, 5)).toEqual([[0], [1], [2, 3]]);
    // Wider than the whole line: alone on its page (only its words give way).
    expect(pagesThatFit([1200, 100], 1000, 10, 5)).toEqual([[0], [1]]);
  });

  it('never puts more than perPage on a page, however short', () => {
    expect(pagesThatFit([50, 50, 50, 50, 50, 50, 50], 1000, 10, 3)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('has no page without alerts', () => {
    expect(pagesThatFit([], 1000, 10, 3)).toEqual([]);
    expect(pagesOfCount(0, 3)).toEqual([]);
  });

  it('before the widths are known, pages by count', () => {
    expect(pagesOfCount(7, 3)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });
});
