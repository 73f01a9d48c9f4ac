import { ApiError } from '../net/api';
import { t, type WordKey } from '../i18n';

/**
 * One form's submit state, for every form of every page: busy while it waits, the problems found before
 * asking and the server's words shown next to the fields they name, and in one line under the form for
 * the rest (fields this form does not show, or no field at all).
 */
export class FormState {
  #busy = $state(false);
  #error = $state<string | null>(null);
  #fields = $state.raw<Readonly<Record<string, string>>>({});
  #known: readonly string[];
  #summary: WordKey | null;

  /**
   * `known`: the fields this form shows; a message about any other field goes to the general line.
   * `summary`: what the general line says while only fields are marked (null: nothing, a short form).
   */
  constructor(known: readonly string[], summary: WordKey | null = 'checkFields') {
    this.#known = known;
    this.#summary = summary;
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
    this.#error = null;
    if (Object.keys(problems).length > 0) {
      this.#error = this.#summaryLine();
      return null;
    }
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
    this.#error =
      others.length > 0 ? others.join('; ') : named ? (this.#summaryLine() ?? err.message) : err.message;
  }

  #summaryLine(): string | null {
    return this.#summary ? t(this.#summary) : null;
  }
}
