import type { Period } from '../../../shared/periods';
import type { SceneId } from '../../../shared/scenes';
import type { Scope } from '../../../shared/scope';

/** What a leader can take away from the view in front of them. */
export type ReportKind = 'csv' | 'pdf' | 'png';

/** The address of a report of the view: the CSV or PDF report, or a snapshot of the wall scene. */
export function reportUrl(kind: ReportKind, view: { scope: Scope; period: Period; scene?: SceneId | null }) {
  const q = new URLSearchParams({ scope: view.scope, period: view.period });
  if (kind !== 'png') return `/api/v1/report?${q}&format=${kind}`;
  return `/api/v1/snapshot?${new URLSearchParams({ scene: view.scene ?? 'overview' })}&${q}`;
}

/** The file name the server gives (Content-Disposition), else `fallback`. */
const fileName = (res: Response, fallback: string) =>
  /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;

/**
 * Fetches a report and saves it as a file; resolves to null, or to the server's words when it refused
 * (no Chromium on the server, too many renders at once): a plain link would save the error as a "PDF".
 */
export async function download(url: string, fallback: string, lang: 'vi' | 'en'): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  } catch {
    return lang === 'vi' ? 'Không kết nối được máy chủ' : 'Cannot reach the server';
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; errorEn?: string };
    return (lang === 'en' ? body.errorEn : body.error) ?? body.error ?? `HTTP ${res.status}`;
  }
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName(res, fallback);
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the save; the blob may go once the browser has it.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  return null;
}
