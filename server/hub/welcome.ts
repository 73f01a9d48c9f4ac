import { viewerOf } from '../../shared/access';
import type { Ack, Welcome } from '../../shared/socket';
import type { Clock } from '../clock';
import type { AlertBook } from './alert-book';
import type { IoServer } from './io';
import type { Send } from './send';

export interface WelcomeOptions {
  io: IoServer;
  send: Send;
  clock: Clock;
  /** What every screen is told of this server; the time and the screen's own viewer are added. */
  welcome: Omit<Welcome, 'serverTime' | 'viewer'>;
  alerts: AlertBook;
}

/**
 * Greets every new screen: who it is and what it may do, the province, the clock, the scenes; then the
 * alerts in force, so a wall shows them from its first frame.
 */
export function installWelcome({ io, send, clock, welcome, alerts }: WelcomeOptions): void {
  io.on('connection', (socket) => {
    const viewer = viewerOf(socket.data.principal);
    send('server:welcome', { here: socket.id }, { ...welcome, serverTime: clock.now(), viewer });
    send('alert:list', { here: socket.id }, alerts.list);
  });
}

/** `clock:ping`: the server's time, from which a screen measures its offset by the round trip. */
export const clockPing = (clock: Clock): Ack<{ serverTime: number }> => ({
  data: { serverTime: clock.now() },
});
