import type { MeetingState } from '../../../shared/meeting';

/** Changes waiting for their instant; a presenter clicking fast stays well under it, a flood is cut. */
export const MAX_PENDING = 16;

interface ApplyDeps {
  /** Server time now (epoch ms, the page's measured server clock). */
  now(): number;
  /** Server milliseconds per real millisecond (1 but in an accelerated demo): turns a wait into a timeout. */
  speed(): number;
  /** Shows a state; `at` is the server instant it was applied. */
  apply(state: MeetingState, at: number): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

type Offer = 'applied' | 'scheduled' | 'ignored';

/**
 * Applies each meeting state at its `applyAt` on the server's clock: a state already due is applied at
 * once (a late joiner, a reconnect), a later one is waited for. A state older than the one on screen
 * (a lower seq, e.g. a join answer overtaken by a broadcast) is dropped, so screens never step back.
 * The timer only wakes it: at each wake the clock is read again, so a re-measured offset moves the
 * instant with it rather than applying early.
 */
export class ApplyScheduler {
  #deps: ApplyDeps;
  #meetingId: string | null = null;
  #appliedSeq = -1;
  /** Waiting states, in seq order. */
  #pending: MeetingState[] = [];
  #timer: unknown = undefined;
  #setTimer: (fn: () => void, ms: number) => unknown;
  #clearTimer: (handle: unknown) => void;

  constructor(deps: ApplyDeps) {
    this.#deps = deps;
    this.#setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The seq on screen; -1 before any. */
  get appliedSeq(): number {
    return this.#appliedSeq;
  }
  /** The next state to be applied, if one waits for its instant. */
  get upcoming(): MeetingState | null {
    return this.#pending[this.#pending.length - 1] ?? null;
  }

  /** Takes a state from the server (join answer or broadcast). */
  offer(state: MeetingState): Offer {
    if (state.meeting.id !== this.#meetingId) {
      // Sequence numbers count within one meeting only.
      this.reset();
      this.#meetingId = state.meeting.id;
    }
    if (state.seq <= this.#appliedSeq || this.#pending.some((p) => p.seq === state.seq)) return 'ignored';
    this.#pending.push(state);
    this.#pending.sort((a, b) => a.seq - b.seq);
    if (this.#pending.length > MAX_PENDING) this.#pending.splice(0, this.#pending.length - MAX_PENDING);
    const before = this.#appliedSeq;
    this.#wake();
    return this.#appliedSeq >= state.seq && before < state.seq ? 'applied' : 'scheduled';
  }

  /** Forgets everything (leaving, or another meeting). */
  reset(): void {
    this.#clearTimer(this.#timer);
    this.#timer = undefined;
    this.#pending = [];
    this.#appliedSeq = -1;
    this.#meetingId = null;
  }

  #wake(): void {
    this.#clearTimer(this.#timer);
    this.#timer = undefined;
    const now = this.#deps.now();
    // Of the states now due, only the newest is shown: the ones it overtook would flash for no one.
    const due = this.#pending.filter((p) => p.applyAt <= now).pop();
    if (due && due.seq > this.#appliedSeq) this.#appliedSeq = due.seq;
    // Anything waiting behind a newer state already shown will never be shown.
    this.#pending = this.#pending.filter((p) => p.seq > this.#appliedSeq);
    if (due && due.seq === this.#appliedSeq) this.#deps.apply(due, now);
    if (this.#pending.length === 0) return;
    const next = this.#pending.reduce((a, b) => (b.applyAt < a.applyAt ? b : a));
    const speed = this.#deps.speed() > 0 ? this.#deps.speed() : 1;
    const waitMs = Math.max(1, Math.ceil((next.applyAt - now) / speed));
    this.#timer = this.#setTimer(() => this.#wake(), waitMs);
  }
}
