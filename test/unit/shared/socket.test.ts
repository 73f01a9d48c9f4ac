import type { Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { feedOfScope } from '../../../server/hub/feed';
import type {
  Ack,
  ClientToServerEvents,
  Frame,
  KpiKey,
  ServerToClientEvents,
  SubscribeReply,
  WireKpi,
} from '../../../shared/socket';

// `npm run check` type-checks this file: the contract is the one both ends are typed with.
describe('the Socket.IO contract', () => {
  it('types the server and the client with the same event maps', () => {
    type ServerEmit = Parameters<Server<ClientToServerEvents, ServerToClientEvents>['emit']>;
    expectTypeOf<ServerEmit[0]>().toEqualTypeOf<keyof ServerToClientEvents>();
    type ClientEmit = Parameters<Socket<ServerToClientEvents, ClientToServerEvents>['emit']>;
    expectTypeOf<ClientEmit[0]>().toEqualTypeOf<keyof ClientToServerEvents>();
    expectTypeOf<Parameters<ServerToClientEvents['kpi:frame']>[0]>().toEqualTypeOf<Frame>();
    expectTypeOf<Parameters<Parameters<ClientToServerEvents['feed:subscribe']>[1]>[0]>().toEqualTypeOf<
      Ack<SubscribeReply>
    >();
    expectTypeOf<WireKpi>().toEqualTypeOf<[number | null, number, number | null]>();
    expect('province|received' satisfies KpiKey).toMatch(/^province\|/);
  });

  it('routes the province to its own feed, communes and agencies to the units feed', () => {
    expect(feedOfScope('province')).toBe('province');
    expect(feedOfScope('commune:00004')).toBe('units');
    expect(feedOfScope('agency:so-tu-phap')).toBe('units');
  });
});
