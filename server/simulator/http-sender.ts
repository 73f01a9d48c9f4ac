import http from 'node:http';
import type { IocEvent, Source } from '../../shared/events';
import { MAX_BATCH } from '../../shared/events';

/**
 * Sends simulated events to a wall's ingest API the way real source systems do: POST /api/v1/events
 * with the API key of the events' source (a key is limited to its source's event types, so a mixed
 * batch goes out as one request per source, each source's events in their order).
 */

export interface HttpSenderOptions {
  /** e.g. "http://127.0.0.1:8080" */
  baseUrl: string;
  keys: Record<Source, string>;
}

/** Groups events by source, keeping each group in order and the groups in order of first appearance. */
function bySource(events: readonly IocEvent[]): Map<Source, IocEvent[]> {
  const groups = new Map<Source, IocEvent[]>();
  for (const event of events) {
    const group = groups.get(event.source);
    if (group) group.push(event);
    else groups.set(event.source, [event]);
  }
  return groups;
}

export function createHttpSender(options: HttpSenderOptions): (events: IocEvent[]) => Promise<void> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/events`;
  return async (events) => {
    for (const [source, group] of bySource(events)) {
      for (let i = 0; i < group.length; i += MAX_BATCH) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${options.keys[source]}` },
          body: JSON.stringify(group.slice(i, i + MAX_BATCH)),
        });
        if (!response.ok) {
          const text = await response.text().catch(() => '');
          throw new Error(`POST ${url} (${source}) answered ${response.status}: ${text}`);
        }
        // Drain the body so the connection can be reused.
        await response.arrayBuffer().catch(() => undefined);
      }
    }
  };
}

/**
 * The same, for a stream of large batches (the past, past-player.ts): node:http on a keep-alive agent,
 * so each request in flight keeps its connection, and the body written as it is (no copy through web
 * streams as fetch does): hundreds of thousands of events cost the sending thread little.
 */
export function createBatchSender(options: HttpSenderOptions): (events: IocEvent[]) => Promise<void> {
  const url = new URL('/api/v1/events', options.baseUrl);
  const agent = new http.Agent({ keepAlive: true });
  const post = (source: Source, body: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: `Bearer ${options.keys[source]}`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve();
            const text = Buffer.concat(chunks).toString('utf8');
            reject(new Error(`POST ${url.href} (${source}) answered ${status}: ${text}`));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return async (events) => {
    for (const [source, group] of bySource(events)) {
      for (let i = 0; i < group.length; i += MAX_BATCH)
        await post(source, JSON.stringify(group.slice(i, i + MAX_BATCH)));
    }
  };
}
