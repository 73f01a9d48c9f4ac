import type { FeedName } from '../../shared/socket';
import { tokenDigest } from '../auth/tokens';

/**
 * The rooms of Socket.IO, one per audience, named in one place: whoever joins a screen to a room and
 * whoever sends to it must agree on the name. (Every socket is also in the room named by its own id.)
 */

/** The screens of one feed on this process (frames are built by each process for its own screens). */
export const feedRoom = (feed: FeedName) => `feed:${feed}`;
/** The screens following a meeting, on every process. */
export const meetingRoom = (id: string) => `meeting:${id}`;
/** A meeting's presenter and control room, who get its roster. */
export const controlRoom = (id: string) => `meeting:${id}:control`;
/** The screens of one paired display, which a revocation cuts off and operators command. */
export const deviceRoom = (id: string) => `device:${id}`;
/** The screens opened with one sign-in session, which signing out cuts off. */
export const sessionRoom = (token: string) => `session:${tokenDigest(token)}`;
