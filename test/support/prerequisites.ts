import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * What the test run needs from the operating system, where to find it, and what to do when it is not
 * there. Every question asks a `Machine`, so the decisions can be tested with a fake one.
 */
export interface Machine {
  env: Record<string, string | undefined>;
  /** A regular file this user may execute. */
  isExecutable(path: string): boolean;
  exists(path: string): boolean;
  isRoot: boolean;
}

export const thisMachine: Machine = {
  env: process.env,
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  exists: existsSync,
  isRoot: process.getuid?.() === 0,
};

/** Where Debian (`chromium`) and Ubuntu (`chromium-browser`, or the snap) put Chromium, best first. */
export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

/** Looked in after PATH: a non-root PATH often lacks the sbin directories. */
export const SYSTEM_BIN_DIRS = ['/usr/bin', '/usr/sbin', '/usr/local/bin'];

/**
 * The e2e tests measure text on screen; Chromium falls back to Liberation for anything the page does
 * not ship (Debian's `fonts-liberation`, or `fonts-liberation2` where only that one is installed).
 */
export const LIBERATION_FONTS = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
];

/** A prerequisite that is there but wrong, and that installing a package would not fix. */
export class PrerequisiteError extends Error {
  override name = 'PrerequisiteError';
}

/** The first executable `name` on PATH, then in the system directories; null when there is none. */
export function findExecutable(name: string, machine: Machine = thisMachine): string | null {
  const dirs = [...(machine.env.PATH ?? '').split(delimiter).filter(Boolean), ...SYSTEM_BIN_DIRS];
  for (const dir of dirs) {
    const path = join(dir, name);
    if (machine.isExecutable(path)) return path;
  }
  return null;
}

/**
 * Chromium for the end-to-end tests: `CHROMIUM_PATH` when set (and then it must be right: a wrong
 * value is an error, not a reason to pick another browser silently), else the distribution's.
 */
export function findChromium(machine: Machine = thisMachine): string | null {
  const chosen = machine.env.CHROMIUM_PATH;
  if (chosen !== undefined && chosen !== '') {
    if (machine.isExecutable(chosen)) return chosen;
    throw new PrerequisiteError(
      `CHROMIUM_PATH=${chosen} is not an executable file: point CHROMIUM_PATH at Chromium, or unset it to use ` +
        `the distribution's (${CHROMIUM_PATHS.join(', ')}).`,
    );
  }
  return CHROMIUM_PATHS.find((path) => machine.isExecutable(path)) ?? null;
}

/** Chromium's path, for launching it; throws with the command to type when there is none. */
export function requireChromium(machine: Machine = thisMachine): string {
  const path = findChromium(machine);
  if (path) return path;
  throw new PrerequisiteError(stopMessage(['chromium'], machine));
}

export const findRedisServer = (machine: Machine = thisMachine) => findExecutable('redis-server', machine);

/**
 * What the integration tests run as a data centre does, by Debian package and the executable it gives:
 * nginx in front of two processes (docs/deploy/nginx), Redis Sentinel for failover, poppler-utils to read
 * and render the PDFs the product writes (pdftotext, pdfinfo, pdffonts, pdftoppm: one package, found by
 * pdftotext), and openssl for the proxy's throwaway certificate.
 */
export const SERVICE_PACKAGES = [
  { pkg: 'nginx', bin: 'nginx' },
  { pkg: 'redis-sentinel', bin: 'redis-sentinel' },
  { pkg: 'poppler-utils', bin: 'pdftotext' },
  { pkg: 'openssl', bin: 'openssl' },
] as const;

export const hasLiberationFonts = (machine: Machine = thisMachine) =>
  LIBERATION_FONTS.some((path) => machine.exists(path));

/**
 * The Debian packages whose absence stops the test run; empty when all is there. `browser: false`
 * leaves out what only the end-to-end tests need.
 */
export function missingPackages(machine: Machine = thisMachine, { browser = true } = {}): string[] {
  const missing: string[] = [];
  // With TEST_REDIS_URL the run uses that server and starts none, so it needs no redis-server binary.
  if (!machine.env.TEST_REDIS_URL && !findRedisServer(machine)) missing.push('redis-server');
  for (const { pkg, bin } of SERVICE_PACKAGES) if (!findExecutable(bin, machine)) missing.push(pkg);
  if (browser && !findChromium(machine)) missing.push('chromium');
  if (browser && !hasLiberationFonts(machine)) missing.push('fonts-liberation');
  return missing;
}

export const installCommand = (packages: string[], asRoot: boolean) =>
  `${asRoot ? '' : 'sudo '}apt-get install -y ${packages.join(' ')}`;

const listed = (packages: string[]) =>
  packages.length === 1 ? packages[0] : `${packages.slice(0, -1).join(', ')} and ${packages.at(-1)}`;

/** What to tell someone who must install the packages themselves. */
export function stopMessage(packages: string[], machine: Machine = thisMachine): string {
  const what = `The tests need ${listed(packages)}, which ${packages.length === 1 ? 'is' : 'are'} not installed.`;
  if (findExecutable('apt-get', machine)) {
    return `${what} Install with:\n  ${installCommand(packages, machine.isRoot)}`;
  }
  return (
    `${what} Install ${packages.length === 1 ? 'it' : 'them'} with your package manager ` +
    `(on Debian or Ubuntu: ${installCommand(packages, false)}).`
  );
}

export type SetupPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; announce: string }
  | { action: 'stop'; message: string };

/**
 * What the test command does about the machine: nothing when all is there; as root with apt-get,
 * install what is missing (nobody is there to ask, and CI runs as root on a fresh machine); anyone
 * else is told the exact command, at once, rather than shown a wall of failing tests.
 */
export function planSetup(machine: Machine = thisMachine): SetupPlan {
  let packages: string[];
  try {
    packages = missingPackages(machine);
  } catch (err) {
    if (err instanceof PrerequisiteError) return { action: 'stop', message: err.message };
    throw err;
  }
  if (packages.length === 0) return { action: 'none' };
  if (machine.isRoot && findExecutable('apt-get', machine)) {
    return {
      action: 'install',
      packages,
      announce: `test setup: installing ${packages.join(' ')} (apt-get install, as root)`,
    };
  }
  return { action: 'stop', message: stopMessage(packages, machine) };
}
