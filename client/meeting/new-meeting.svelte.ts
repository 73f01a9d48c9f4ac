import type { MeetingInfo } from '../../shared/meeting';
import { t } from '../lib/i18n';
import { FormState } from '../lib/ui/form.svelte';
import type { NewMeeting } from './meetings.svelte';
import { fromLocalInput } from './roster';

/** What an operator typed (startsAt as a datetime-local value, in the province's time). */
interface NewMeetingInput {
  title: string;
  chair: string;
  startsAt: string;
  invited: string[];
}

/** The form that creates a meeting: its problems by field, and the meeting just created. */
export class MeetingForm {
  /** Three fields and a list need no summary line: problems show by their fields. */
  readonly form = new FormState(['title', 'chair', 'startsAt', 'invited'], null);
  #created = $state.raw<MeetingInfo | null>(null);
  #send: (req: NewMeeting) => Promise<MeetingInfo>;

  constructor(send: (req: NewMeeting) => Promise<MeetingInfo>) {
    this.#send = send;
  }

  /** The meeting just created, with its join code; null before. */
  get created(): MeetingInfo | null {
    return this.#created;
  }

  /** Creates a meeting; resolves true when done (the form may be cleared). */
  async create(input: NewMeetingInput): Promise<boolean> {
    const startsAt = fromLocalInput(input.startsAt);
    const problems: Record<string, string> = {};
    if (!input.title.trim()) problems.title = t('required');
    if (!input.chair.trim()) problems.chair = t('required');
    if (startsAt === null) problems.startsAt = t('required');
    const created = await this.form.run(problems, () =>
      this.#send({
        title: input.title.trim(),
        chair: input.chair.trim(),
        startsAt: startsAt ?? 0,
        invited: input.invited,
      }),
    );
    if (!created) return false;
    this.#created = created;
    return true;
  }
}
