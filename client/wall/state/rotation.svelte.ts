import {
  activePlaylist,
  alignedRotation,
  nextSceneDecision,
  type SceneDecision,
  type SceneId,
  type SceneSchedule,
} from '../../../shared/scenes';

/** Re-decides at least this often, so a lifted hold or a new schedule takes effect within a second. */
const RECHECK_MS = 1_000;

interface RotationDeps {
  /** Server time now, epoch ms. */
  now(): number;
  /** The schedule in force (the server's, once greeted). */
  schedule(): SceneSchedule;
  /** Whether a critical alert holds the rotation at `now`. */
  held(now: number): boolean;
}

/**
 * Which scene the wall shows and which it draws ahead. Rotation is a function of server time alone
 * (alignedRotation), so walls side by side turn together; a hold freezes the scene on screen, and when
 * it lifts the wall rejoins the others. Timers only wake it up: a late timer never shifts a switch.
 */
export class SceneRotation {
  #deps: RotationDeps;
  #decision = $state.raw<SceneDecision>(null as unknown as SceneDecision);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;
  #pin: SceneId | null;

  constructor(deps: RotationDeps, pin: SceneId | null = null) {
    this.#deps = deps;
    this.#pin = pin;
    this.decide();
  }

  /** A scene shown without rotating (`?scene=`, or chosen by hand); null to rotate. */
  get pin(): SceneId | null {
    return this.#pin;
  }
  set pin(scene: SceneId | null) {
    this.#pin = scene;
    this.decide();
  }

  /** The scene on screen. */
  get show(): SceneId {
    return this.#decision.show;
  }
  /** The scene to draw offscreen now, ahead of its switch; null when none is coming soon. */
  get prepare(): SceneId | null {
    return this.#decision.prepare;
  }
  get mode(): 'rotating' | 'held' | 'pinned' {
    return this.#decision.state.mode;
  }

  /** Starts following the clock; returns the stop function. */
  start(): () => void {
    this.#interval = setInterval(() => this.decide(), RECHECK_MS);
    this.decide();
    return () => {
      clearInterval(this.#interval);
      clearTimeout(this.#timer);
    };
  }

  decide(): void {
    const { now: clockNow, schedule, held } = this.#deps;
    const pin = this.#pin;
    const now = clockNow();
    const current = this.#decision?.state ?? null;
    const hold = !pin && held(now) && current !== null && current.mode !== 'pinned';
    const state = pin || hold ? current : alignedRotation(schedule(), now);
    const next = nextSceneDecision(state, {
      now,
      playlistAt: (t) => activePlaylist(schedule(), t),
      hold,
      pin,
    });
    const prev = this.#decision;
    if (
      !prev ||
      prev.show !== next.show ||
      prev.prepare !== next.prepare ||
      prev.switchAt !== next.switchAt ||
      prev.state.mode !== next.state.mode
    )
      this.#decision = next;
    clearTimeout(this.#timer);
    // Wake exactly at the next decision point (server time mapped back to this device's clock).
    if (next.nextDecisionAt !== null && next.nextDecisionAt - now < RECHECK_MS)
      this.#timer = setTimeout(() => this.decide(), Math.max(0, next.nextDecisionAt - now));
  }
}
