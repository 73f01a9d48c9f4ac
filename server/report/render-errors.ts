import type { Response } from 'express';
import { QueueFull, RenderTimeout } from '../render/queue';
import { ChromiumMissing } from '../render/renderer';
import { logFor } from '../observe/logger';

/** Seconds a refused render is told to wait: a burst of renders clears in about that. */
export const RENDER_RETRY_AFTER_S = 15;

/**
 * Answers a render that could not be made: 503 saying what to install when Chromium is absent, 503
 * with Retry-After when the line is full or the render ran out of time, 500 for anything else.
 */
export function answerRenderError(res: Response, err: unknown): void {
  if (err instanceof ChromiumMissing)
    return void res.status(503).json({
      error: `Máy chủ chưa cài Chromium (${err.path}) để xuất PDF và ảnh: cài bằng \`apt-get install chromium\`, hoặc đặt CHROMIUM_PATH`,
      errorEn: err.message,
    });
  if (err instanceof QueueFull || err instanceof RenderTimeout)
    return void res
      .status(503)
      .set('Retry-After', String(RENDER_RETRY_AFTER_S))
      .json({
        error:
          err instanceof QueueFull
            ? 'Đang xuất nhiều báo cáo, vui lòng thử lại sau ít giây'
            : 'Xuất báo cáo quá thời gian, vui lòng thử lại',
        errorEn: err.message,
      });
  logFor('render').error({ err }, 'render failed');
  res
    .status(500)
    .json({ error: 'Không xuất được báo cáo', errorEn: `render failed: ${(err as Error).message}` });
}
