import { z } from 'zod';
import { ROLES, type Role } from '../../shared/roles';
import type { Clock } from '../clock';
import { emptyCommit, type Store } from '../store/types';
import { fieldProblems } from '../validation';
import { hashPassword, passwordProblem } from './password';

/** A person who signs in. Only a scrypt hash of the password is kept (password.ts). */
export interface UserRecord {
  login: string;
  /** The name screens and the audit log show ("Nguyễn Văn A"). */
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: number;
  /** How many times an admin has unlocked this login: lock-outs counted before the last unlock are void. */
  unlocks?: number;
  /**
   * Real time (epoch ms) the latest lock-out of this login ends, from whichever address (lockouts.ts):
   * shown to admins, who may unlock it. Sign-in itself reads the lock-outs, not this.
   */
  lockedUntil?: number;
}

export type PublicUser = Omit<UserRecord, 'passwordHash' | 'unlocks' | 'lockedUntil'>;

const LOGIN_RE = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const userKey = (login: string) => `u:${login}`;
/** The list of logins (with names and roles) for the admin page, kept with the users it lists. */
const INDEX = 'reg:users';

export interface NewUser {
  login: string;
  name: string;
  role: string;
  password: string;
}

/** A field that is not a string is checked as an empty one: it gets the same words. */
const text = <T extends z.ZodType>(inner: T) => z.preprocess((v) => (typeof v === 'string' ? v : ''), inner);

/** A new user as an admin (or `npm run user:add`) gives it; every problem names its field. */
export const newUserRequest = z.object({
  login: text(
    z
      .string()
      .regex(
        LOGIN_RE,
        '3–64 characters, lower-case letters, digits and . _ - (starting with a letter or digit)',
      ),
  ),
  name: text(z.string().refine((n) => n.trim().length > 0 && n.length <= 120, 'must be 1–120 characters')),
  role: text(z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` })),
  password: text(
    z.string().superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ),
});

/** Every problem with a new user, "field: message"; empty when it may be created. */
function newUserProblems(u: NewUser): string[] {
  const parsed = newUserRequest.safeParse(u);
  return parsed.success ? [] : fieldProblems(parsed.error).map((p) => `${p.field}: ${p.message}`);
}

/**
 * People, kept as versioned records in the store (Redis in production), so every server process sees
 * the same and a login is created exactly once: two admins adding the same login at the same time
 * cannot both succeed (the record's version guards the write).
 */
export class Users {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Creates a user; throws a message naming every bad field, or that the login is taken. */
  async add(u: NewUser): Promise<PublicUser> {
    const problems = newUserProblems(u);
    if (problems.length > 0) throw new Error(problems.join('; '));
    const record: UserRecord = {
      login: u.login,
      name: u.name.trim(),
      role: u.role as Role,
      passwordHash: await hashPassword(u.password),
      createdAt: this.clock.now(),
    };
    // The user and the list of logins are written in one commit, so a login is listed exactly when it exists.
    for (let attempt = 0; attempt < 20; attempt++) {
      const index = (await this.store.loadRecords([INDEX])).get(INDEX);
      const listed = index ? (JSON.parse(index.body) as Record<string, PublicUser>) : {};
      const commit = emptyCommit();
      commit.records.push(
        { key: userKey(u.login), expect: 0, body: JSON.stringify(record) },
        {
          key: INDEX,
          expect: index?.version ?? 0,
          body: JSON.stringify({ ...listed, [u.login]: publicUser(record) }),
        },
      );
      if (await this.store.commit(commit)) return publicUser(record);
      if (await this.get(u.login)) throw new Error(`login: "${u.login}" is already taken`);
    }
    throw new Error('users: too many concurrent updates, try again');
  }

  /** Everyone who may sign in, by login, with the end of a lock-out still running (real time). */
  async list(): Promise<(PublicUser & { lockedUntil?: number })[]> {
    const index = (await this.store.loadRecords([INDEX])).get(INDEX);
    const listed = index ? (JSON.parse(index.body) as Record<string, PublicUser>) : {};
    const logins = Object.keys(listed).sort((a, b) => a.localeCompare(b));
    const records = await this.store.loadRecords(logins.map(userKey));
    const now = Date.now();
    return logins.map((login) => {
      const body = records.get(userKey(login))?.body;
      const until = body ? (JSON.parse(body) as UserRecord).lockedUntil : undefined;
      return until !== undefined && until > now ? { ...listed[login]!, lockedUntil: until } : listed[login]!;
    });
  }

  /** The user with this login, or null. */
  async get(login: string): Promise<UserRecord | null> {
    return (await this.#load(login))?.record ?? null;
  }

  /** Notes that a lock-out of this login runs until `until` (real time), for the admin page. */
  async noteLocked(login: string, until: number): Promise<void> {
    await this.#update(login, (u) => ({ ...u, lockedUntil: Math.max(u.lockedUntil ?? 0, until) }));
  }

  /** An admin's unlock: every lock-out and failure count of this login, from any address, is void. Null: no such login. */
  async unlock(login: string): Promise<UserRecord | null> {
    return this.#update(login, (u) => ({ ...u, unlocks: (u.unlocks ?? 0) + 1, lockedUntil: undefined }));
  }

  async #load(login: string): Promise<{ version: number; record: UserRecord } | null> {
    if (!LOGIN_RE.test(login)) return null;
    const found = (await this.store.loadRecords([userKey(login)])).get(userKey(login));
    return found ? { version: found.version, record: JSON.parse(found.body) as UserRecord } : null;
  }

  async #update(login: string, change: (u: UserRecord) => UserRecord): Promise<UserRecord | null> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const current = await this.#load(login);
      if (!current) return null;
      const next = change(current.record);
      const commit = emptyCommit();
      commit.records.push({ key: userKey(login), expect: current.version, body: JSON.stringify(next) });
      if (await this.store.commit(commit)) return next;
    }
    throw new Error(`user "${login}": too many concurrent updates`);
  }
}

export const publicUser = ({ login, name, role, createdAt }: UserRecord): PublicUser => ({
  login,
  name,
  role,
  createdAt,
});
