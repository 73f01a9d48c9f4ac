import type { SceneSchedule } from '../../../shared/scenes';
import type { Welcome } from '../../../shared/socket';
import { connection, type WallSocket } from '../../lib/net/connection.svelte';
import { versionWatch } from '../version-watch';

/** What the server said about itself on connect: the province it runs for and its version. */
class ServerInfo {
  #welcome = $state.raw<Welcome | null>(null);

  constructor(socket: WallSocket) {
    // A server upgraded under the wall: reload to run the new client (version-watch.ts).
    const watch = versionWatch(() => location.reload());
    socket.on('server:welcome', (w) => {
      watch(w.version);
      this.#welcome = w;
    });
  }

  /** The province, once greeted; kept across reconnects. */
  get province(): Welcome['province'] | null {
    return this.#welcome?.province ?? null;
  }
  /** Whether the numbers come from the built-in simulator (the page must say so). */
  get simulated(): boolean {
    return this.#welcome?.simulated ?? false;
  }
  /**
   * The scene rotation every wall of this server runs; until greeted, the overview alone: the built-in
   * rotation aligned to the clock could flash a scene this province's rotation does not have.
   */
  get scenes(): SceneSchedule {
    return this.#welcome?.scenes ?? BEFORE_GREETING;
  }
  /** Who this screen is to the server and what it may do; null until greeted. */
  get viewer(): Welcome['viewer'] | null {
    return this.#welcome?.viewer ?? null;
  }
  /** The server's version string, once greeted. */
  get version(): string | null {
    return this.#welcome?.version ?? null;
  }
}

const BEFORE_GREETING: SceneSchedule = { scenes: [{ id: 'overview', durationSec: 60 }] };

/** The page's server greeting. */
export const serverInfo = new ServerInfo(connection.socket);
