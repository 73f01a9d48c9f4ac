import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from '../observe/metrics';
import { DEFAULT_CHROMIUM_PATH } from './chromium-path';
import { renderMetrics } from './render-metrics';
import { RenderPasses } from './render-pass';
import { Renderer } from './renderer';

/**
 * The server's rendering, wired once per app: the passes its pages read with (given to the guard), the
 * one-browser renderer aimed at this server's own port, and its metrics.
 */
export function rendering(http: HttpServer, metrics: Metrics, chromiumPath = DEFAULT_CHROMIUM_PATH) {
  const passes = new RenderPasses();
  const renderer = new Renderer({ chromiumPath, passes, origin: () => ownOrigin(http) });
  renderMetrics(metrics, renderer);
  return { passes, renderer };
}

/** This server as its own Chromium reaches it: the listening port on loopback. */
function ownOrigin(http: HttpServer): string {
  const a = http.address() as AddressInfo;
  const host = a.family === 'IPv6' && a.address !== '::' ? `[${a.address}]` : '127.0.0.1';
  return `http://${host}:${a.port}`;
}
