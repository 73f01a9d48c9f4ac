import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../../../client/lib/i18n/admin';
import { COMMON } from '../../../client/lib/i18n/common';
import { MEETING } from '../../../client/lib/i18n/meeting';
import { SIGN_IN } from '../../../client/lib/i18n/sign-in';
import { TABLET } from '../../../client/lib/i18n/tablet';
import { WALL } from '../../../client/lib/i18n/wall';

/**
 * The client is laid out by audience: one folder per view (a screen's own code) and lib/ for what two
 * or more views share. A view never reaches into another view; lib/ never reaches into a view.
 */
const CLIENT = fileURLToPath(new URL('../../../client', import.meta.url));
const VIEWS = ['wall', 'tablet', 'meeting', 'admin', 'sign-in', 'print'] as const;
const MAX_LINES = 300;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|svelte)$/.test(name) ? [full] : [];
  });
}

/** The client folder a file belongs to: a view, "lib", or "" for the files at the root (main.ts). */
function roomOf(file: string): string {
  const [first, ...rest] = path.relative(CLIENT, file).split(path.sep);
  return rest.length === 0 || first === undefined ? '' : first;
}

/** Every relative module a file imports (static, dynamic and side-effect imports), resolved to a file. */
function importsOf(file: string): { spec: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    const found = ['', '.ts', '.svelte', '/index.ts'].map((ext) => base + ext).find((p) => existsSync(p));
    return { spec, target: found ?? base };
  });
}

const FILES = sources(CLIENT);

describe('the client folders', () => {
  it('has one folder per view and lib/ for what they share', () => {
    const rooms = new Set(FILES.map(roomOf).filter(Boolean));
    expect([...rooms].sort()).toEqual([...VIEWS, 'lib'].sort());
  });

  it('never lets a view import another view, nor lib/ import a view', () => {
    const crossings: string[] = [];
    for (const file of FILES) {
      const from = roomOf(file);
      for (const { spec, target } of importsOf(file)) {
        if (!target.startsWith(CLIENT)) continue; // shared/, node_modules
        const to = roomOf(target);
        const view = (VIEWS as readonly string[]).includes(to);
        if (view && from !== '' && from !== to) crossings.push(`${path.relative(CLIENT, file)} → ${spec}`);
      }
    }
    expect(crossings).toEqual([]);
  });

  it(`keeps every file under ${MAX_LINES} lines`, () => {
    const long = FILES.map((f) => ({
      file: path.relative(CLIENT, f),
      lines: readFileSync(f, 'utf8').split('\n').length,
    }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines}`);
    expect(long).toEqual([]);
  });

  it('imports only files that exist', () => {
    const missing = FILES.flatMap((file) =>
      importsOf(file)
        .filter(({ target }) => !existsSync(target))
        .map(({ spec }) => `${path.relative(CLIENT, file)} → ${spec}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('the dictionaries', () => {
  it('name each word in one dictionary only', () => {
    const dictionaries = { COMMON, WALL, TABLET, MEETING, ADMIN, SIGN_IN };
    const owners = new Map<string, string[]>();
    for (const [name, words] of Object.entries(dictionaries))
      for (const key of Object.keys(words)) owners.set(key, [...(owners.get(key) ?? []), name]);
    const shared = [...owners]
      .filter(([, names]) => names.length > 1)
      .map(([key, names]) => `${key}: ${names}`);
    expect(shared).toEqual([]);
  });
});
