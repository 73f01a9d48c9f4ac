import { ApiError } from '../net/api';
import { t } from '../i18n';

/**
 * One form's submit state: busy while it waits, the server's words shown next to the fields they name,
 * and in one line under the form for the rest (fields this form does not show, or no field at all).
 */
export class FormState {
  #busy = $state(false);
  #error = $state<string | null>(null);
  #fields = $state.raw<Readonly<Record<string, string>>>({});
  #known: readonly string[];

  /** `known`: the fields this form shows; a message about any other field goes to the general line. */
  constructor(known: readonly string[]) {
    this.#known = known;
  }

  get busy(): boolean {
    return this.#busy;
  }
  /** The message under the form, or null. */
  get error(): string | null {
    return this.#error;
  }
  /** Messages per field the form shows. */
  get fields(): Readonly<Record<string, string>> {
    return this.#fields;
  }

  /**
   * Checks with `problems` (messages by field, found before asking the server) and, when there are none,
   * runs `send`. Resolves to what `send` returned, or null when the form shows why it did not happen.
   */
  async run<T>(problems: Record<string, string>, send: () => Promise<T>): Promise<T | null> {
    if (this.#busy) return null;
    this.#fields = problems;
    this.#error = Object.keys(problems).length > 0 ? t('checkFields') : null;
    if (this.#error) return null;
    this.#busy = true;
    try {
      return await send();
    } catch (err) {
      this.#show(err);
      return null;
    } finally {
      this.#busy = false;
    }
  }

  #show(err: unknown): void {
    if (!(err instanceof ApiError)) {
      this.#error = err instanceof Error ? err.message : String(err);
      return;
    }
    const shown: Record<string, string> = {};
    const others: string[] = [];
    for (const [field, message] of Object.entries(err.fields)) {
      if (this.#known.includes(field)) shown[field] = message;
      else others.push(`${field}: ${message}`);
    }
    this.#fields = shown;
    const named = Object.keys(shown).length > 0;
    this.#error = others.length > 0 ? others.join('; ') : named ? t('checkFields') : err.message;
  }
}
