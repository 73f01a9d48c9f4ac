import { untrack } from 'svelte';
import type { ServerMs } from '../../shared/brand';
import { DEFAULT_VIEW, type MeetingView } from '../../shared/meeting';
import type { Period } from '../../shared/periods';
import type { SceneId } from '../../shared/scenes';
import { lang, t } from '../lib/i18n';
import { clock } from '../lib/net/clock.svelte';
import { directory } from '../lib/net/directory.svelte';
import { startHeapWatchdog } from './heap-watchdog';
import { communeOf, pageOptions, type PageOptions } from './page-options';
import { isNight, pixelShift, shiftAmplitude } from './panel-care';
import { alerts } from './state/alerts.svelte';
import { display } from './state/display.svelte';
import { meeting } from './state/meeting.svelte';
import { SceneRotation } from './state/rotation.svelte';
import { serverInfo } from './state/welcome.svelte';

/**
 * The wall as a whole: which scene is on screen and which is drawn ahead (the rotation, a scene chosen
 * by hand or by an operator, or the meeting it follows), the care an unattended panel needs (pixel
 * shift, night dimming, the heap watchdog), and what it tells the operators' fleet. Wall.svelte renders
 * what this says.
 */
export class WallPage {
  /** What the address asks for (`?kiosk`, `?scene=`, `?kpi=`, `?dim=`, `?scope=`, `?period=`), read once at load. */
  readonly options: PageOptions = pageOptions;
  readonly rotation = new SceneRotation(
    {
      now: () => clock.now(),
      schedule: () => serverInfo.scenes,
      held: (now) => alerts.holdsRotation(now),
    },
    this.options.pin,
  );
  /** The scene chosen by hand from the control bar (not in kiosk mode); `?scene=` pins from the start. */
  #chosen = $state<SceneId | null>(this.options.pin);
  #screenHeight = $state(globalThis.innerHeight ?? 1080);
  #wide = $state(false);

  /** Whether this wall follows a meeting (`?meeting=<code>`): the presenter chooses its scene and KPI. */
  get following(): boolean {
    return meeting.active;
  }
  /** The meeting's view on screen; null when following none, or before its state arrives. */
  readonly meetingView: MeetingView | null = $derived(meeting.view);
  /** The scene chosen by hand; null while the wall rotates. */
  get chosen(): SceneId | null {
    return this.#chosen;
  }
  /**
   * The scene held on screen, or null to rotate. Until the meeting's state arrives, a follower holds the
   * meeting's opening scene rather than rotating. An operator's scene (the fleet page) wins over a hand
   * choice, never over a meeting.
   */
  readonly pinned: SceneId | null = $derived(
    this.following
      ? (this.meetingView?.scene ?? DEFAULT_VIEW.scene)
      : (display.sceneOverride ?? this.#chosen),
  );
  /**
   * The scene drawn offscreen ahead of its switch. The map is the one scene slow to draw (WebGL): a
   * follower draws it from the start and keeps it, so a switch to it shows at the meeting's instant.
   */
  readonly prepare: SceneId | null = $derived(
    this.following && this.meetingView ? (meeting.upcoming?.scene ?? 'map') : this.rotation.prepare,
  );
  /** The KPI the map colours communes by: the presenter's when following, else `?kpi=`. */
  readonly mapKpi: string = $derived(this.meetingView?.kpi ?? this.options.mapKpi);
  /**
   * The commune every scene focuses on (5-digit code): the presenter's when following, else `?scope=`;
   * null for the whole province (or an agency, which the map does not draw).
   */
  readonly focusCommune: string | null = $derived(
    this.meetingView ? this.meetingView.commune : communeOf(this.options.scope),
  );
  /**
   * The commune the map is pointed at. While the map is not on screen, a follower points it at the
   * coming change's commune as soon as the change arrives: the camera's jump and the map's first draw
   * of a focus (seconds of shader work on a software-rendered wall) then happen before the instant,
   * not at it, when every scene must switch.
   */
  readonly mapFocus: string | null = $derived(
    this.following && this.rotation.show !== 'map' && meeting.upcoming
      ? meeting.upcoming.commune
      : this.focusCommune,
  );
  /** The period the scenes show: the presenter's when following, else `?period=`. */
  readonly focusPeriod: Period = $derived(this.meetingView?.period ?? this.options.period);
  /** Server time, moved every whole second. */
  readonly now: ServerMs = $derived(clock.current);
  /** The province's name from the server's greeting; null until greeted. */
  readonly province: string | null = $derived(serverInfo.province?.name ?? null);
  /** Where the picture sits now, against burn-in. */
  readonly shift: { x: number; y: number } = $derived(
    pixelShift(this.now, shiftAmplitude(this.#screenHeight)),
  );
  /** Whether the night veil is down. */
  readonly night: boolean = $derived(isNight(this.now, this.options.dim));
  /** Ultra-wide walls (32:9) have room for more alerts at once. */
  get wide(): boolean {
    return this.#wide;
  }
  /** Whoever watches may acknowledge alerts: an operator at a wall that is not a kiosk. */
  get canAcknowledge(): boolean {
    return !this.options.kiosk && (serverInfo.viewer?.canSteer ?? false);
  }

  /** A scene button: shows that scene and holds it, or rotates again when it was already held. */
  choose(scene: SceneId): void {
    this.#chosen = this.#chosen === scene ? null : scene;
  }

  /** Starts everything the wall runs; returns the function that stops it all. */
  start(): () => void {
    directory.start();
    const stops = [
      this.rotation.start(),
      meeting.start(),
      startHeapWatchdog(() => clock.now()),
      // Tells the operators' fleet what this screen shows and which meeting it follows.
      display.start({ scene: () => this.rotation.show, meetingId: () => meeting.state?.meeting.id ?? null }),
      this.#measureScreen(),
      $effect.root(() => {
        $effect(() => {
          const scene = this.pinned;
          // untrack: the rotation's own state must not make this effect re-run.
          untrack(() => (this.rotation.pin = scene));
        });
        $effect(() => {
          document.documentElement.lang = lang;
          document.title = this.province ? `${t('product')} — ${this.province}` : t('product');
        });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }

  #measureScreen(): () => void {
    const measure = () => {
      this.#screenHeight = window.innerHeight;
      this.#wide = window.innerWidth / window.innerHeight >= 3;
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }
}
