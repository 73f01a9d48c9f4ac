import { Counter, Gauge } from 'prom-client';
import type { Metrics } from '../observe/metrics';
import type { Renderer } from './renderer';

/**
 * The renderer on /metrics: browsers started (one, unless Chromium died and was started again) and
 * renders waiting for a page. Read from the renderer at each scrape, as the aggregator's totals are.
 */
export function renderMetrics(metrics: Metrics, renderer: Renderer): void {
  let counted = 0;
  new Counter({
    name: 'ioc_render_browsers_launched_total',
    help: 'Chromium browsers this process started to render reports and snapshots',
    registers: [metrics.registry],
    collect() {
      this.inc(renderer.launched - counted);
      counted = renderer.launched;
    },
  });
  new Gauge({
    name: 'ioc_render_queue_waiting',
    help: 'Report and snapshot renders waiting for a page of the browser',
    registers: [metrics.registry],
    collect() {
      this.set(renderer.waiting);
    },
  });
}
