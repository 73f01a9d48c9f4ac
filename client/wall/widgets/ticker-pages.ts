/**
 * The alert ticker's pages, by what fits on one line. In order (most urgent first), each page holds as
 * many alerts as fit side by side at their natural width, a gap between them, and never more than
 * `perPage`; an alert wider than the whole line goes on a page of its own (only its words give way).
 * Returns the alerts' indexes, page by page.
 */
export function pagesThatFit(
  widths: readonly number[],
  available: number,
  gap: number,
  perPage: number,
): number[][] {
  const pages: number[][] = [];
  let page: number[] = [];
  let used = 0;
  widths.forEach((width, i) => {
    const after = page.length === 0 ? width : used + gap + width;
    if (page.length > 0 && (after > available || page.length >= perPage)) {
      pages.push(page);
      page = [i];
      used = width;
    } else {
      page.push(i);
      used = after;
    }
  });
  if (page.length > 0) pages.push(page);
  return pages;
}

/** `count` alerts, `perPage` to a page: before their widths are known. */
export function pagesOfCount(count: number, perPage: number): number[][] {
  const pages: number[][] = [];
  for (let from = 0; from < count; from += perPage)
    pages.push(Array.from({ length: Math.min(perPage, count - from) }, (_, i) => from + i));
  return pages;
}
