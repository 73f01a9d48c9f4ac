import type { Period } from './periods';
import type { SceneId } from './scenes';

/**
 * Meetings across bridge points: one presenter steers what every point's screen shows; each change is
 * stamped with a server-clock instant a little ahead (`applyAt`), and every follower applies it at that
 * instant by its own measured offset to the server clock, so all screens switch together.
 *
 * HTTP (operator and up):
 *   POST /api/v1/meetings {title, chair, startsAt, invited: deviceIds} -> MeetingInfo (with its join code)
 *   GET  /api/v1/meetings                                          -> MeetingInfo[]
 * Socket.IO: see meeting:* in shared/socket.ts.
 */

/** What the presenter chooses and every follower shows. */
export interface MeetingView {
  scene: SceneId;
  /** The KPI the map colours by (a KpiId). */
  kpi: string;
  /** The commune in focus (5-digit code), or null for the whole province. */
  commune: string | null;
  /**
   * The agency in focus (its id), or null/absent. At most one of commune and agency is set: choosing one
   * clears the other (absent on meetings made before agencies could be chosen).
   */
  agency?: string | null;
  period: Period;
}

export const DEFAULT_VIEW: MeetingView = {
  scene: 'overview',
  kpi: 'onTimeRate',
  commune: null,
  period: 'today',
};

export interface MeetingInfo {
  id: string;
  title: string;
  /** Server time, epoch ms. */
  startsAt: number;
  /** Six characters a bridge point types (or opens /?meeting=<code>) to follow. */
  code: string;
  /** Paired displays invited (device ids); they may follow without the code. */
  invited: string[];
  createdBy: string;
  /** Who chairs it ("Chủ trì"), as entered at creation; absent on meetings made before it was asked. */
  chair?: string;
  /** When it was ended (server time); absent or null while it runs. Ended meetings take no one in. */
  endedAt?: number | null;
}

/**
 * A paired display's standing invitation (`meeting:invited`): the meeting it is invited to that has
 * started and not ended, which it joins by itself; null when there is none (it returns to its rotation).
 */
export interface Invitation {
  id: string;
  code: string;
  title: string;
}

/** The server's answer to anything asked of an ended meeting (a follower stops asking on it). */
export const MEETING_ENDED = 'the meeting has ended';

/** A meeting is over for good once ended: its screens return to their rotation. */
export const hasEnded = (m: Pick<MeetingInfo, 'endedAt'>): boolean => m.endedAt != null;

/** The whole state of a meeting: what late joiners and reconnecting followers land on. */
export interface MeetingState {
  meeting: MeetingInfo;
  /** The principal steering now ("user:login"), with the name to show; null when nobody presents. */
  presenter: { actor: string; name: string } | null;
  view: MeetingView;
  /** Increases with every change of view or presenter. */
  seq: number;
  /** Server-clock instant at which `view` takes effect on every screen. */
  applyAt: number;
}

/** How far ahead of now a change is stamped: more than a bridge point's worst round trip on a WAN. */
export const APPLY_LEAD_MS = 400;
/**
 * A change of scope or period is stamped further ahead: every follower fetches the new view's numbers
 * first (a period is one HTTP answer away) and says so (`readySeq`), so the screens switch with data.
 */
export const FOCUS_LEAD_MS = 1_500;

/** A view with a change applied: choosing a commune clears the agency in focus, and the other way round. */
export function focusedView(from: MeetingView, change: Partial<MeetingView>): MeetingView {
  const next = { ...from, ...change };
  if (change.commune) next.agency = null;
  if (change.agency) next.commune = null;
  return next;
}

/** Whether a change moves the numbers (scope or period), not only the scene or the map's colouring. */
export const changesFocus = (from: MeetingView, change: Partial<MeetingView>): boolean =>
  (change.commune !== undefined && change.commune !== from.commune) ||
  (change.agency !== undefined && change.agency !== (from.agency ?? null)) ||
  (change.period !== undefined && change.period !== from.period);

/** One bridge point in the roster. */
export interface RosterEntry {
  /** The socket's id: one entry per screen. */
  id: string;
  /** Who the screen is ("device:<id>", "user:<login>", "loopback"). */
  actor: string;
  /** The device's or person's name, or what the point typed when it joined with a code. */
  name: string;
  /** Delegates in the room, entered at the point. */
  delegates: number;
  /** Server time of its last heartbeat. */
  lastSeen: number;
  /** Round-trip time it measured to the server, ms. */
  rttMs: number | null;
  /** The seq it last applied. */
  appliedSeq: number;
  /** The newest seq whose numbers it holds (fetched ahead), ready to apply at its instant; 0 if none. */
  readySeq: number;
  /** No heartbeat for longer than ROSTER_STALE_MS. */
  dropped: boolean;
}

/** What the server keeps of a follower in one meeting (on its socket, visible to every process). */
export interface PointBeat {
  /** Who the screen is ("device:<id>", "user:<login>", "loopback"): hand-over names a user from here. */
  actor: string;
  name: string;
  delegates: number;
  rttMs: number | null;
  appliedSeq: number;
  readySeq: number;
  /** Server time of the last heartbeat (or of joining). */
  at: number;
}

export interface Roster {
  meetingId: string;
  serverTime: number;
  points: RosterEntry[];
  delegates: number;
  /** People at a presenter's console in the meeting: not bridge points, but the seat can go to them. */
  consoles?: { actor: string; name: string }[];
}

/** Followers say they are there this often; silent longer than ROSTER_STALE_MS, a point is flagged. */
export const HEARTBEAT_MS = 2_000;
export const ROSTER_STALE_MS = 5_000;

export interface JoinRequest {
  /** The meeting's code (anyone who may watch) or id (invited devices, operators). */
  code?: string;
  id?: string;
  /** What the point calls itself when it has no device name (a join link). */
  name?: string;
  delegates?: number;
  /** The presenter's console: it follows the meeting but is not a bridge point (not in the roster). */
  console?: boolean;
}

/** A command about one meeting, by its id. */
export interface MeetingRef {
  id: string;
}

/** Take the presenter's seat, or hand it to `to` (an actor in the meeting, "user:lanh.dao"). */
export interface PresentRequest {
  id: string;
  to?: string;
}

export interface SteerRequest {
  id: string;
  view: Partial<MeetingView>;
}

/** Invite one more paired display (an operator, from the fleet): it joins within a second or two. */
export interface InviteRequest {
  id: string;
  device: string;
}

export interface Heartbeat {
  id: string;
  delegates: number;
  rttMs: number | null;
  appliedSeq: number;
  /** The newest seq whose data it holds; absent from followers older than readiness reports. */
  readySeq?: number;
}
