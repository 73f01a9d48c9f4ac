import { describe, expect, it } from 'vitest';
import {
  findChromium,
  findRedisServer,
  installCommand,
  type Machine,
  missingPackages,
  planSetup,
  PrerequisiteError,
  requireChromium,
} from '../../support/prerequisites';

const FONT = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf';

/** A machine with exactly these files (all executable), this environment, and this user. */
function fakeMachine({
  files = [] as string[],
  env = { PATH: '/usr/local/bin:/usr/bin:/bin' } as Record<string, string | undefined>,
  isRoot = false,
} = {}): Machine {
  const present = new Set(files);
  return { env, isRoot, isExecutable: (p) => present.has(p), exists: (p) => present.has(p) };
}

/** nginx, redis-sentinel, poppler-utils and openssl, where Debian puts their executables. */
const SERVICES = ['/usr/sbin/nginx', '/usr/bin/redis-sentinel', '/usr/bin/pdftotext', '/usr/bin/openssl'];
const complete = ['/usr/bin/redis-server', '/usr/bin/chromium', FONT, '/usr/bin/apt-get', ...SERVICES];
const without = (path: string) => complete.filter((p) => p !== path);

describe('finding Chromium', () => {
  it("takes Debian's /usr/bin/chromium first", () => {
    const machine = fakeMachine({ files: ['/usr/bin/chromium', '/usr/bin/chromium-browser'] });
    expect(findChromium(machine)).toBe('/usr/bin/chromium');
  });

  it("takes Ubuntu's chromium-browser, then the snap, when Debian's is not there", () => {
    expect(findChromium(fakeMachine({ files: ['/usr/bin/chromium-browser'] }))).toBe(
      '/usr/bin/chromium-browser',
    );
    expect(findChromium(fakeMachine({ files: ['/snap/bin/chromium'] }))).toBe('/snap/bin/chromium');
  });

  it('takes CHROMIUM_PATH over every usual place', () => {
    const machine = fakeMachine({
      files: ['/usr/bin/chromium', '/opt/c/chrome'],
      env: { CHROMIUM_PATH: '/opt/c/chrome' },
    });
    expect(findChromium(machine)).toBe('/opt/c/chrome');
  });

  it('reports a CHROMIUM_PATH that is not there as an error naming the variable, not as a missing package', () => {
    const machine = fakeMachine({ files: complete, env: { CHROMIUM_PATH: '/nonexistent' } });
    expect(() => findChromium(machine)).toThrow(PrerequisiteError);
    expect(() => findChromium(machine)).toThrow(/^CHROMIUM_PATH=\/nonexistent is not an executable file/);
  });

  it('finds nothing when none of the usual places has it', () => {
    expect(findChromium(fakeMachine({ files: ['/usr/bin/redis-server', ...SERVICES] }))).toBeNull();
  });

  it('tells the command to type when Chromium is needed to launch and absent', () => {
    expect(() => requireChromium(fakeMachine({ files: ['/usr/bin/apt-get'] }))).toThrow(
      'sudo apt-get install -y chromium',
    );
  });
});

describe('finding redis-server', () => {
  it('looks on PATH first', () => {
    const machine = fakeMachine({
      files: ['/home/me/bin/redis-server', '/usr/bin/redis-server'],
      env: { PATH: '/home/me/bin:/usr/bin' },
    });
    expect(findRedisServer(machine)).toBe('/home/me/bin/redis-server');
  });

  it('also looks in /usr/sbin and /usr/local/bin, which a user PATH may lack', () => {
    expect(findRedisServer(fakeMachine({ files: ['/usr/sbin/redis-server'], env: { PATH: '/bin' } }))).toBe(
      '/usr/sbin/redis-server',
    );
    expect(findRedisServer(fakeMachine({ files: ['/usr/local/bin/redis-server'], env: {} }))).toBe(
      '/usr/local/bin/redis-server',
    );
  });
});

describe('what is missing', () => {
  it('is nothing on a machine with redis-server, Chromium and the Liberation fonts', () => {
    expect(missingPackages(fakeMachine({ files: complete }))).toEqual([]);
  });

  it('names the Debian package of each thing absent', () => {
    expect(missingPackages(fakeMachine({ files: ['/usr/bin/apt-get'] }))).toEqual([
      'redis-server',
      'nginx',
      'redis-sentinel',
      'poppler-utils',
      'openssl',
      'chromium',
      'fonts-liberation',
    ]);
    expect(missingPackages(fakeMachine({ files: without('/usr/sbin/nginx') }))).toEqual(['nginx']);
    expect(missingPackages(fakeMachine({ files: without('/usr/bin/pdftotext') }))).toEqual(['poppler-utils']);
    expect(missingPackages(fakeMachine({ files: without(FONT) }))).toEqual(['fonts-liberation']);
  });

  it('does not need redis-server when TEST_REDIS_URL names a server to use', () => {
    const machine = fakeMachine({
      files: without('/usr/bin/redis-server'),
      env: { TEST_REDIS_URL: 'redis://h:1' },
    });
    expect(missingPackages(machine)).toEqual([]);
  });

  it('leaves out the browser and its fonts for a run without end-to-end tests', () => {
    const machine = fakeMachine({ files: ['/usr/bin/redis-server', ...SERVICES] });
    expect(missingPackages(machine, { browser: false })).toEqual([]);
  });
});

describe('what the test command does about the machine', () => {
  it('does nothing when everything is there', () => {
    expect(planSetup(fakeMachine({ files: complete, isRoot: true }))).toEqual({ action: 'none' });
  });

  it('installs what is missing with apt-get when run as root, and says so in one line', () => {
    const plan = planSetup(fakeMachine({ files: ['/usr/bin/apt-get', ...SERVICES], isRoot: true }));
    expect(plan).toEqual({
      action: 'install',
      packages: ['redis-server', 'chromium', 'fonts-liberation'],
      announce: 'test setup: installing redis-server chromium fonts-liberation (apt-get install, as root)',
    });
  });

  it('installs only what is missing', () => {
    const plan = planSetup(fakeMachine({ files: without('/usr/bin/chromium'), isRoot: true }));
    expect(plan).toMatchObject({ action: 'install', packages: ['chromium'] });
  });

  it('stops with the exact sudo command for anyone but root', () => {
    const plan = planSetup(fakeMachine({ files: ['/usr/bin/apt-get', FONT, ...SERVICES], isRoot: false }));
    expect(plan).toEqual({
      action: 'stop',
      message:
        'The tests need redis-server and chromium, which are not installed. Install with:\n' +
        '  sudo apt-get install -y redis-server chromium',
    });
  });

  it('stops, naming the packages, as root on a machine without apt-get', () => {
    const plan = planSetup(
      fakeMachine({ files: without('/usr/bin/apt-get').filter((p) => p !== FONT), isRoot: true }),
    );
    expect(plan.action).toBe('stop');
    expect(plan.action === 'stop' && plan.message).toBe(
      'The tests need fonts-liberation, which is not installed. Install it with your package manager ' +
        '(on Debian or Ubuntu: sudo apt-get install -y fonts-liberation).',
    );
  });

  it('stops on a wrong CHROMIUM_PATH instead of installing a browser it would not use', () => {
    const machine = fakeMachine({
      files: ['/usr/bin/apt-get'],
      env: { CHROMIUM_PATH: '/nonexistent' },
      isRoot: true,
    });
    const plan = planSetup(machine);
    expect(plan.action).toBe('stop');
    expect(plan.action === 'stop' && plan.message).toMatch(/^CHROMIUM_PATH=\/nonexistent /);
  });

  it('writes the install command without sudo for root', () => {
    expect(installCommand(['chromium'], true)).toBe('apt-get install -y chromium');
    expect(installCommand(['redis-server', 'chromium'], false)).toBe(
      'sudo apt-get install -y redis-server chromium',
    );
  });
});
