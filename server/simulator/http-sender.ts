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
