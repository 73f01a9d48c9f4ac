import type { DayKey } from './brand';
import type { Source } from './vocabulary';
import type { Scope } from './scope';
import type { Alert } from './alerts';
import type { SceneSchedule } from './scenes';
import type { Need, Principal, Viewer } from './access';
import type { AuditAction } from './admin';
import type { DisplayEntry, DisplayReport, FleetCommand, FleetCommandRequest } from './fleet';
import type {
  Heartbeat,
  Invitation,
  InviteRequest,
  JoinRequest,
  MeetingInfo,
  MeetingRef,
  MeetingState,
  PointBeat,
  PresentRequest,
  Roster,
  SteerRequest,
} from './meeting';

/**
 * The Socket.IO contract, used as the type parameters of `new Server<...>()` and the client's `Socket<...>`.
 * Commands are imperative (`feed:subscribe`), broadcasts past tense or nouns (`kpi:frame`), and no
 * broadcast shares a command's name. A payload that must change shape gets a new event (`…:v2`), so a
 * screen of the previous version still reads the old one.
 */

/**
 * "province|onTimeRate", "commune:00004|received": one KPI of one scope (a KpiId); the province feed also
 * carries its curves and comparisons under such keys ("province|curve.today.received.08").
 */
export type KpiKey = `${Scope}|${string}`;
/**
 * A KPI value on the wire, compact because it is sent to every screen: [value, num, den].
 * Its age is not repeated per KPI: a KPI is as fresh as its sources' last word (`sources` in every
 * snapshot and in frames when it moves), see `kpiAsOf` in evaluate.ts. Otherwise every heartbeat would
 * resend every KPI of every commune.
 */
export type WireKpi = [value: number | null, num: number, den: number | null];

/**
 * A feed is a stream of frames for one audience. `province` carries the province-wide KPIs (the wall's
 * headline, cheap enough for 1,000 screens at 10+ frames/s); `units` carries every commune and agency.
 */
export const FEEDS = ['province', 'units'] as const;
export type FeedName = (typeof FEEDS)[number];

/** Last word heard from each source (event or heartbeat), epoch ms; null when never heard. */
export type SourceWords = Record<Source, number | null>;

interface FeedPosition {
  feed: FeedName;
  /** Identifies one hub's run; sequence numbers are comparable only within an epoch. */
  epoch: string;
  /** Sequence number of the last frame included; the next frame has seq + 1. */
  seq: number;
  /** Server clock when this was built, epoch ms. */
  serverTime: number;
  /** "Today" on the server, Asia/Ho_Chi_Minh. */
  day: DayKey;
}

/** The whole state of a feed: every KPI, and the sources' last word that dates them. */
export interface Snapshot extends FeedPosition {
  kpis: Record<KpiKey, WireKpi>;
  sources: SourceWords;
}

/** What changed since the previous frame: only the KPIs whose value or asOf moved. */
export interface Frame extends FeedPosition {
  kpis: Record<KpiKey, WireKpi>;
  sources?: Partial<SourceWords>;
}

export type SubscribeReply = { kind: 'snapshot'; snapshot: Snapshot } | { kind: 'replay'; frames: Frame[] };
export interface SubscribeRequest {
  feed: FeedName;
  /** Where the screen stopped; the hub replays from there or sends a snapshot when that is gone. */
  resume?: { epoch: string; seq: number };
}

/** The province a server runs for, sent once on connect. */
export interface Welcome {
  province: { code: string; name: string };
  serverTime: number;
  version: string;
  /** The numbers come from the built-in simulator, not from real sources: the page must say so. */
  simulated: boolean;
  /** The wall's scene rotation (the server's schedule file, or the default): every wall runs the same. */
  scenes: SceneSchedule;
  /**
   * Server milliseconds per real millisecond: 1, except in a demo that plays a day in minutes. Screens
   * run their copy of the server clock at this rate, or their clock, scene rotation and ages would crawl
   * between two synchronisations and then jump.
   */
  clockSpeed: number;
  /** Who this screen is and what it may do: a screen never offers what the server would refuse. */
  viewer: Viewer;
}

/**
 * The alerts in force, most urgent first, at most MAX_ALERTS of them. Sent whole on connect and whenever
 * one is raised, cleared, escalated or acknowledged: the list is short, and whole lists need no resume.
 */
export interface AlertList {
  serverTime: number;
  alerts: Alert[];
  /** How many were in force beyond the ones listed. */
  more: number;
}
export const MAX_ALERTS = 50;

export type Ack<T> = { error: string } | { data: T };

export interface ServerToClientEvents {
  'server:welcome': (w: Welcome) => void;
  'kpi:frame': (f: Frame) => void;
  /** Sent instead of frames a lagging screen could not take in time: the latest state wins. */
  'kpi:snapshot': (s: Snapshot) => void;
  'alert:list': (list: AlertList) => void;
  /** A meeting's view or presenter changed: apply `view` at `applyAt` (server clock). */
  'meeting:changed': (s: MeetingState) => void;
  /**
   * The bridge points of a meeting, to its presenter and the control room, about once a second (after
   * the command `meeting:roster`; the broadcast was called the same until the names were split).
   */
  'meeting:roster-updated': (r: Roster) => void;
  /** An operator's command to this screen (reload, change scene, show its name). */
  'display:command': (c: FleetCommand) => void;
  /** To a paired display: the meeting it is invited to now (join it), or null (back to the rotation). */
  'meeting:invited': (inv: Invitation | null) => void;
}

export interface ClientToServerEvents {
  'feed:subscribe': (req: SubscribeRequest, ack: (r: Ack<SubscribeReply>) => void) => void;
  /** NTP-style probe: the screen measures its offset to the server clock from the round trip. */
  'clock:ping': (ack: (r: Ack<{ serverTime: number }>) => void) => void;
  /** An operator has seen an alert: it stops flashing and stops holding the rotation on every wall. */
  'alert:ack': (req: { id: string }, ack: (r: Ack<null>) => void) => void;
  /** Follow a meeting (by code, or by id for invited devices and people); answers its current state. */
  'meeting:join': (req: JoinRequest, ack: (r: Ack<MeetingState>) => void) => void;
  'meeting:leave': (req: MeetingRef, ack: (r: Ack<null>) => void) => void;
  /** The presenter changes the view; everyone applies it at the answered state's applyAt. */
  'meeting:steer': (req: SteerRequest, ack: (r: Ack<MeetingState>) => void) => void;
  /** Take the presenter's seat (when free, or as an operator), or hand it to `to` (an actor present). */
  'meeting:present': (req: PresentRequest, ack: (r: Ack<MeetingState>) => void) => void;
  /** A follower is there: its delegates, round trip and the last change it applied. */
  'meeting:heartbeat': (hb: Heartbeat) => void;
  /** Receive the meeting's roster now, then `meeting:roster-updated` (presenters and the control room). */
  'meeting:roster': (req: MeetingRef, ack: (r: Ack<Roster>) => void) => void;
  /** End the meeting (its presenter, or an operator): every screen returns to its rotation. */
  'meeting:end': (req: MeetingRef, ack: (r: Ack<MeetingState>) => void) => void;
  /** Invite a paired display into a meeting (operators, from the fleet); it joins by itself. */
  'meeting:invite': (req: InviteRequest, ack: (r: Ack<MeetingInfo>) => void) => void;
  /** A screen says what it is and shows, on connect and every REPORT_MS. */
  'display:report': (r: DisplayReport) => void;
  'fleet:list': (ack: (r: Ack<DisplayEntry[]>) => void) => void;
  'fleet:command': (req: FleetCommandRequest, ack: (r: Ack<{ sent: number }>) => void) => void;
}

/**
 * What each command needs, checked by the one door of every command before its handler runs
 * (server/hub/commands.ts). Steering commands name the audit action that records them.
 */
export const COMMANDS = {
  'feed:subscribe': { need: 'watch' },
  'clock:ping': { need: 'watch' },
  'alert:ack': { need: 'operator', audit: 'alert.acknowledged' },
  'meeting:join': { need: 'watch' },
  'meeting:leave': { need: 'watch' },
  // Only the presenter may steer; the meeting checks that, and audits each change it applies.
  'meeting:steer': { need: 'leader' },
  'meeting:present': { need: 'leader' },
  'meeting:heartbeat': { need: 'watch' },
  'meeting:roster': { need: 'leader' },
  'meeting:end': { need: 'leader' },
  'meeting:invite': { need: 'operator', audit: 'meeting.invited' },
  'display:report': { need: 'watch' },
  'fleet:list': { need: 'operator' },
  'fleet:command': { need: 'operator', audit: 'fleet.command' },
} as const satisfies Record<keyof ClientToServerEvents, { need: Need; audit?: AuditAction }>;

/** Refused for want of a credential: the screen shows its pairing code. */
export const UNAUTHORIZED = 'unauthorized';
/** The server could not check the credential (store down): the screen keeps retrying as it is. */
export const UNAVAILABLE = 'unavailable';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InterServerEvents {}

export interface SocketData {
  feeds: FeedName[];
  /** What the screen last reported of itself (the fleet list). */
  report?: DisplayReport & { at: number; connectedAt: number };
  /** The meetings this screen follows, by id, with its last heartbeat in each. */
  beats?: Record<string, PointBeat>;
  /** Meetings this socket follows as a presenter's console (no bridge point, not in the roster). */
  consoles?: string[];
  /** The meeting this paired display was last told it is invited to (null: none); unset until told. */
  invitation?: string | null;
  /** Set by the handshake guard before any handler sees the socket. */
  principal: Principal;
}
