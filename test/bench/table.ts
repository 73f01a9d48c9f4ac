/** A plain aligned text table: the bench's output is read in a terminal and pasted into reports. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** 12,345 — thousands grouped so 50,000 and 5,000 are not misread. */
export const int = (n: number): string =>
  Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);

/** Milliseconds with one decimal below 100 ms, whole above. */
export const ms = (n: number): string =>
  Number.isFinite(n) ? (n < 100 ? n.toFixed(1) : Math.round(n).toString()) : String(n);
