import type { Page } from 'playwright-core';

/** One text that cannot be read whole: cut by a box that hides its overflow, by an ellipsis, or by the screen. */
export interface CutText {
  text: string;
  by: string;
}
/** Two texts printed on top of each other. */
export interface Overlap {
  a: string;
  b: string;
}

/**
 * Measured in the page: every visible text node's line boxes (Range.getClientRects), and
 * - each one that an ancestor hiding its overflow (`overflow: hidden|clip|auto|scroll`, the outer `<svg>`)
 *   cuts, or that an ellipsis shortens (`text-overflow: ellipsis` with `scrollWidth > clientWidth`), or
 *   that runs off the screen;
 * - each pair of texts whose boxes overlap, a text and its own ancestors' texts excepted.
 * A line box is the font's whole content area (accents and descenders included), taller than the ink:
 * it counts as cut or overlapping only past a fifth of its height vertically, 1 px horizontally.
 */
export function measureLayout(page: Page): Promise<{ cut: CutText[]; overlaps: Overlap[]; texts: number }> {
  return page.evaluate(() => {
    const W = window.innerWidth;
    const H = window.innerHeight;
    const describe = (el: Element) => {
      const cls =
        typeof el.className === 'string'
          ? el.className.split(/\s+/).filter((c) => c && !c.startsWith('svelte-'))
          : [];
      return `${el.tagName.toLowerCase()}${cls.length ? '.' + cls.join('.') : ''}`;
    };
    const hidden = (el: Element) => {
      if (el.closest('[data-visible="false"]')) return true;
      const style = getComputedStyle(el);
      if (style.visibility !== 'visible' || style.display === 'none') return true;
      for (let a: Element | null = el; a; a = a.parentElement)
        if (getComputedStyle(a).opacity === '0') return true;
      return false;
    };
    interface Rect {
      left: number;
      right: number;
      top: number;
      bottom: number;
      height: number;
    }
    interface Box {
      node: Text;
      text: string;
      /** The line boxes as seen: cut to every ancestor that hides its overflow. */
      rects: Rect[];
    }
    const boxes: Box[] = [];
    const cut: { text: string; by: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
      const el = n.parentElement;
      if (!text || !el || hidden(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0.5 && r.height > 0.5);
      if (rects.length === 0) continue;
      const seen: Rect[] = rects.map((r) => ({
        left: r.left,
        right: r.right,
        top: r.top,
        bottom: r.bottom,
        height: r.height,
      }));
      boxes.push({ node: n, text, rects: seen });
      const slack = (r: DOMRect) => r.height * 0.2;
      let reason: string | null = null;
      // Every clipping ancestor cuts the box seen (for the overlap check); the first one to cut names it.
      for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (!reason && s.textOverflow === 'ellipsis' && a.scrollWidth > a.clientWidth + 1)
          reason = `ellipsis in ${describe(a)}`;
        const isBox = a instanceof HTMLElement || a instanceof SVGSVGElement;
        if (!isBox) continue;
        const clipX = /hidden|clip|auto|scroll/.test(s.overflowX);
        const clipY = /hidden|clip|auto|scroll/.test(s.overflowY);
        if (!clipX && !clipY) continue;
        const b = a.getBoundingClientRect();
        const left = b.left + a.clientLeft;
        const top = b.top + a.clientTop;
        const right = a.clientWidth ? left + a.clientWidth : b.right;
        const bottom = a.clientHeight ? top + a.clientHeight : b.bottom;
        for (const r of seen) {
          if (clipX) {
            r.left = Math.max(r.left, left);
            r.right = Math.min(r.right, right);
          }
          if (clipY) {
            r.top = Math.max(r.top, top);
            r.bottom = Math.min(r.bottom, bottom);
          }
        }
        for (const r of rects) {
          if (reason) break;
          if (clipX && (r.left < left - 1 || r.right > right + 1)) reason = `${describe(a)} cuts it across`;
          else if (clipY && (r.top < top - slack(r) || r.bottom > bottom + slack(r)))
            reason = `${describe(a)} cuts it down`;
        }
      }
      if (!reason)
        for (const r of rects)
          if (r.left < -1 || r.right > W + 1 || r.top < -slack(r) || r.bottom > H + slack(r))
            reason = 'the screen';
      if (reason) cut.push({ text: text.slice(0, 60), by: reason });
    }
    const overlaps: { a: string; b: string }[] = [];
    const inset = (r: Rect) => ({
      l: r.left + 0.5,
      r: r.right - 0.5,
      t: r.top + r.height * 0.2,
      b: r.bottom - r.height * 0.2,
    });
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i]!;
        const q = boxes[j]!;
        // A text inside an element whose own text is the other one (a label and its inline figure).
        if (p.node.parentElement!.contains(q.node) || q.node.parentElement!.contains(p.node)) continue;
        const hit = p.rects.some((ra) =>
          q.rects.some((rb) => {
            const x = inset(ra);
            const y = inset(rb);
            return Math.min(x.r, y.r) - Math.max(x.l, y.l) > 1 && Math.min(x.b, y.b) - Math.max(x.t, y.t) > 1;
          }),
        );
        if (hit) overlaps.push({ a: p.text.slice(0, 40), b: q.text.slice(0, 40) });
      }
    return { cut, overlaps, texts: boxes.length };
  });
}

/**
 * The scene's own texts measured: every one cut or overlapping, as readable lines, and how many were
 * measured. The alert ticker (live alerts, different every run) is hidden first, not removed, so the
 * layout stays the wall's: wall-layout.test.ts measures it with every scene. (Set through the CSSOM:
 * the page's CSP refuses an added <style>.)
 */
export async function sceneOffenders(page: Page): Promise<{ offenders: string[]; texts: number }> {
  await page.$$eval('.ticker', (els) => els.forEach((e) => ((e as HTMLElement).style.visibility = 'hidden')));
  const layout = await measureLayout(page);
  return {
    offenders: [
      ...layout.cut.map((c) => `cut (${c.by}): "${c.text}"`),
      ...layout.overlaps.map((o) => `overlap: "${o.a}" × "${o.b}"`),
    ],
    texts: layout.texts,
  };
}
