import type { Role } from '../../shared/roles';
import type { Store } from '../store/types';
import { newToken, TOKEN_RE, tokenDigest } from './tokens';

/** A signed-in person, as a session remembers them. */
export interface Session {
  login: string;
  name: string;
  role: Role;
  createdAt: number;
}

/** A working day and the evening after it; then sign in again. */
export const SESSION_TTL_MS = 12 * 3_600_000;

/** The store holds a digest of each token, never the token: a copy of the store opens no session. */
const sessionKey = (token: string) => `sess:${tokenDigest(token)}`;

/** Sign-in sessions in the store (Redis in production, so every process knows them), each with a TTL. */
export class Sessions {
  constructor(private readonly store: Store) {}

  /** Opens a session; returns its token (32 random bytes), to be handed to the browser once. */
  async open(session: Session): Promise<string> {
    const token = newToken();
    await this.store.putOnce(sessionKey(token), JSON.stringify(session), { ttlMs: SESSION_TTL_MS });
    return token;
  }

  /** The session behind a token, or null when unknown, expired, signed out or malformed. */
  async get(token: string | undefined): Promise<Session | null> {
    if (!token || !TOKEN_RE.test(token)) return null;
    const body = await this.store.getValue(sessionKey(token));
    return body ? (JSON.parse(body) as Session) : null;
  }

  async close(token: string): Promise<void> {
    if (TOKEN_RE.test(token)) await this.store.deleteKeys([sessionKey(token)]);
  }
}
