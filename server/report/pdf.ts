import type { DayKey } from '../../shared/brand';
import type { Period } from '../../shared/periods';
import type { Scope } from '../../shared/scope';
import type { Renderer } from '../render/renderer';

/** The print page's size in CSS pixels: A4 landscape at 96 dpi, so the layout is the one printed. */
const A4_LANDSCAPE = { width: 1123, height: 794 };
const WAIT_MS = 40_000;

/**
 * The report as leaders see it, as a PDF: the client's print page (client/print/) for the scope and
 * period, opened by the server's Chromium, printed A4 landscape with its embedded Be Vietnam Pro.
 */
export function renderReportPdf(
  renderer: Renderer,
  q: { scope: Scope; period: Period; end: DayKey },
): Promise<Buffer> {
  const query = new URLSearchParams({ scope: q.scope, period: q.period, end: q.end });
  return renderer.render(`/print/report?${query}`, A4_LANDSCAPE, async (page) => {
    const done = await page.waitForSelector('[data-print="ready"], [data-print="error"]', {
      timeout: WAIT_MS,
    });
    if ((await done.getAttribute('data-print')) === 'error')
      throw new Error(`the print page could not read the numbers: ${await done.textContent()}`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      margin: { top: '10mm', bottom: '10mm', left: '12mm', right: '12mm' },
    });
  });
}
