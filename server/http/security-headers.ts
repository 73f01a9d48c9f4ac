import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Content-Security-Policy: the app's own origin and nothing else. The control room has no
 * internet, so no outside host is ever needed; naming none also means an injected tag cannot reach one.
 */
const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // No 'unsafe-inline', not even style-src-attr: Svelte's `style:` directives and MapLibre set styles
  // through the CSSOM (element.style), which CSP does not govern, and index.html has no inline <style>.
  'style-src': ["'self'"],
  // data: for the empty favicon in index.html and MapLibre's placeholder image; blob: for the images
  // MapLibre decodes from ArrayBuffers (sprites, raster tiles), should the map ever draw one.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  // 'self' also allows ws:// and wss:// to the same host and port (CSP3), which Socket.IO uses.
  'connect-src': ["'self'"],
  // MapLibre's worker is a file of our own origin (client/lib/map/worker.ts); MapLibre wraps a worker
  // in a blob: URL only when it comes from another origin, so worker-src needs no blob:.
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
} as const satisfies Record<string, readonly string[]>;

/** Security headers for every answer: helmet with a CSP of the app's own origin only. */
export function securityHeaders(): RequestHandler {
  return helmet({
    // useDefaults: false, or helmet would add upgrade-insecure-requests, which breaks the plain-http
    // private networks many control rooms run on (every asset would be asked for over https).
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // Browsers ignore HSTS over http, but once a wall has seen it over https it refuses that host over
    // http for a year: a site that moves back to http would lose its walls. TLS, where there is
    // any, ends at the site's proxy, which can add HSTS itself.
    strictTransportSecurity: false,
    // Matches frame-ancestors 'none' for browsers that only know X-Frame-Options.
    xFrameOptions: { action: 'deny' },
    // Cross-Origin-Embedder-Policy stays off (helmet's default): the app embeds nothing cross-origin
    // and gains nothing from cross-origin isolation.
  });
}
