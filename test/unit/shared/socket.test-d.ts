import type { Socket as ServerSocket, Server } from 'socket.io';
import type { Socket } from 'socket.io-client';
import { describe, expectTypeOf, it } from 'vitest';
import type { WallSocket } from '../../../client/lib/net/connection.svelte';
import type { CommandName, ReplyOf, RequestOf } from '../../../server/hub/commands';
import type { RegisteredCommand } from '../../../server/hub/install-commands';
import type { IoServer, IoSocket } from '../../../server/hub/io';
import type { DisplayEntry } from '../../../shared/fleet';
import { kpiDef, type KpiId } from '../../../shared/kpis';
import type { MeetingState, Roster } from '../../../shared/meeting';
import type {
  Ack,
  ClientToServerEvents,
  COMMANDS,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
  SubscribeReply,
  SubscribeRequest,
} from '../../../shared/socket';

// Checked by vitest's typecheck (vite.config.ts): a failing line here fails `npm test`.
describe('the Socket.IO contract', () => {
  it('types the server and the client with the same event maps', () => {
    expectTypeOf<IoServer>().toEqualTypeOf<
      Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
    >();
    expectTypeOf<IoSocket>().toEqualTypeOf<
      ServerSocket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>
    >();
    expectTypeOf<WallSocket>().toEqualTypeOf<Socket<ServerToClientEvents, ClientToServerEvents>>();
    // What one side emits is what the other listens for.
    expectTypeOf<Parameters<IoServer['emit']>[0]>().toEqualTypeOf<keyof ServerToClientEvents>();
    expectTypeOf<Parameters<WallSocket['emit']>[0]>().toEqualTypeOf<keyof ClientToServerEvents>();
  });

  it('gives every command a role in COMMANDS and a line in the registry', () => {
    expectTypeOf<keyof typeof COMMANDS>().toEqualTypeOf<keyof ClientToServerEvents>();
    expectTypeOf<RegisteredCommand>().toEqualTypeOf<keyof ClientToServerEvents>();
    expectTypeOf<CommandName>().toEqualTypeOf<keyof ClientToServerEvents>();
  });

  it('never names a broadcast like a command', () => {
    expectTypeOf<Extract<keyof ServerToClientEvents, keyof ClientToServerEvents>>().toBeNever();
  });

  it('answers commands with { error } | { data }', () => {
    expectTypeOf<Ack<null>>().toEqualTypeOf<{ error: string } | { data: null }>();
    expectTypeOf<ReplyOf<'feed:subscribe'>>().toEqualTypeOf<SubscribeReply>();
    expectTypeOf<ReplyOf<'meeting:join'>>().toEqualTypeOf<MeetingState>();
    expectTypeOf<ReplyOf<'meeting:roster'>>().toEqualTypeOf<Roster>();
    expectTypeOf<ReplyOf<'fleet:list'>>().toEqualTypeOf<DisplayEntry[]>();
    expectTypeOf<ReplyOf<'clock:ping'>>().toEqualTypeOf<{ serverTime: number }>();
    // Sent without an ack: nothing to answer.
    expectTypeOf<ReplyOf<'meeting:heartbeat'>>().toEqualTypeOf<null>();
    expectTypeOf<ReplyOf<'display:report'>>().toEqualTypeOf<null>();
    expectTypeOf<RequestOf<'feed:subscribe'>>().toEqualTypeOf<SubscribeRequest>();
    expectTypeOf<RequestOf<'clock:ping'>>().toEqualTypeOf<undefined>();
    expectTypeOf<Parameters<Parameters<ClientToServerEvents['fleet:command']>[1]>[0]>().toEqualTypeOf<
      Ack<{ sent: number }>
    >();
  });

  it('knows the KPI ids: a typo does not compile', () => {
    expectTypeOf<'onTimeRate'>().toExtend<KpiId>();
    expectTypeOf<'tasks.nq57.overdue'>().toExtend<KpiId>();
    expectTypeOf<'onTimeRat'>().not.toExtend<KpiId>();
    expectTypeOf(kpiDef('onTimeRate').id).toBeString();
    // @ts-expect-error not a KPI of the catalogue
    kpiDef('onTimeRat');
  });
});
