import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../support/app';
import { spawnTethered } from '../../support/tethered';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a tethered child process', () => {
  it('runs until asked to stop, and has exited when stop() resolves', async () => {
    const child = spawnTethered('sleep', ['30']);
    const pid = await child.pid;
    expect(alive(pid)).toBe(true);
    expect(child.running).toBe(true);
    await child.stop();
    expect(alive(pid)).toBe(false);
    expect(child.running).toBe(false);
  });

  it('deletes the directory it was given once the child has exited', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-tether-'));
    const child = spawnTethered('sleep', ['30'], { removeAfterExit: dir });
    await child.pid;
    expect(existsSync(dir)).toBe(true);
    await child.stop();
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps the directory when told to, if we stopped the child ourselves', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-tether-'));
    const child = spawnTethered('sleep', ['30'], { removeAfterExit: dir, keepAfterStop: true });
    await child.pid;
    await child.stop();
    expect(existsSync(dir)).toBe(true);
    rmSync(dir, { recursive: true });
  });

  it('does not outlive a parent killed with SIGKILL, and takes its directory with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ioc-tether-'));
    // A parent of our own that starts a tethered `sleep`, prints its pid, and is then killed outright.
    const parent = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./test/support/tethered.ts').then(async ({ spawnTethered }) => console.log(await " +
          `spawnTethered('sleep', ['30'], { removeAfterExit: '${dir}', keepAfterStop: true }).pid))`,
      ],
      { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    parent.stdout.on('data', (d) => (out += d));
    const pid = await eventually(() => out.includes('\n') && Number(out.trim()), 10_000);
    expect(alive(pid)).toBe(true);

    parent.kill('SIGKILL');
    await eventually(() => !alive(pid) && !existsSync(dir), 5_000);
    expect(alive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('reports a command that cannot start', async () => {
    const child = spawnTethered('/nonexistent/redis-server', []);
    await expect(child.pid).rejects.toThrow(/did not start: .*ENOENT/);
    await child.exited;
    expect(child.running).toBe(false);
  });
});
