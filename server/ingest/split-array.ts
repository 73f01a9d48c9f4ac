const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * The text of each element of a JSON array, as it was sent (or the whole text, for one object), so
 * a worker can XADD the events as they came instead of serialising them again. Only for text that
 * JSON.parse has just accepted: it tracks strings and nesting, and checks nothing else. The stream
 * holds the same JSON either way; the aggregator parses and validates it again.
 */
export function splitTopLevel(text: string): string[] {
  const start = text.search(/\S/);
  if (text.charCodeAt(start) !== OPEN_BRACKET) return [text.trim()];
  const items: string[] = [];
  let depth = 0;
  let from = start + 1;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = endOfString(text, i);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || (c === CLOSE_BRACKET && depth > 0)) depth--;
    else if (depth === 0 && (c === COMMA || c === CLOSE_BRACKET)) {
      const item = text.slice(from, i).trim();
      if (item) items.push(item);
      if (c === CLOSE_BRACKET) break;
      from = i + 1;
    }
  }
  return items;
}

/** The index of the quote closing the string that opens at `open` (natively searched, not char by char). */
function endOfString(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  for (;;) {
    if (close < 0) return text.length;
    // Escaped when an odd number of backslashes stands before it.
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
}
