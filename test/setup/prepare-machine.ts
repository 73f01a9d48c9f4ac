import { spawnSync } from 'node:child_process';
import { planSetup } from '../support/prerequisites';

/**
 * Runs first in `npm test` (the "pretest" script), before the client build, so that a machine missing
 * redis-server, Chromium or the fonts hears about it in the first second: as root with apt-get the
 * packages are installed, otherwise the run stops with the command to type.
 */

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

/** apt-get, quiet and non-interactive; its output is shown only when it fails. */
function aptGet(args: string[]) {
  const run = spawnSync('apt-get', args, {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    fail(
      `test setup: apt-get ${args.join(' ')} failed (${run.error?.message ?? `exit ${run.status}`}):\n${output}`,
    );
  }
}

const plan = planSetup();
if (plan.action === 'stop') fail(plan.message);
if (plan.action === 'install') {
  console.log(plan.announce);
  aptGet(['update', '-qq']);
  aptGet(['install', '-y', '-qq', '--no-install-recommends', ...plan.packages]);
  // A package can install without giving what we look for (Ubuntu's chromium-browser is a snap stub).
  const after = planSetup();
  if (after.action === 'stop') fail(after.message);
  if (after.action === 'install')
    fail(`test setup: apt-get installed ${after.packages.join(' ')}, still not found`);
}
