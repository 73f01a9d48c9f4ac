import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { loadConfig } from '../config/config';
import { Users } from '../auth/users';
import { createRedisStore } from '../store/index';

/**
 * `npm run user:add -- --login admin --role admin --name "Quản trị"`: creates a person in the store,
 * typically the first admin. The password is read from IOC_PASSWORD or from standard input (one line),
 * never from the command line, where it would stay in the shell's history and the process list.
 */
const USAGE =
  'usage: npm run user:add -- --login <login> --role viewer|leader|operator|admin [--name "<full name>"]\n' +
  '       the password comes from IOC_PASSWORD or from standard input';

async function readPassword(): Promise<string> {
  if (process.env.IOC_PASSWORD) return process.env.IOC_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: { login: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!args.login || !args.role) {
    console.error(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (!config.redis) {
    console.error(
      'user:add needs REDIS_URL or REDIS_SENTINELS: people are kept in Redis (the embedded store lives inside the server)',
    );
    return 2;
  }
  const store = await createRedisStore({ ...config.redis, prefix: config.redisPrefix });
  try {
    const user = await new Users(store, systemClock).add({
      login: args.login,
      role: args.role,
      name: args.name ?? args.login,
      password: await readPassword(),
    });
    console.log(`created ${user.role} "${user.login}" (${user.name})`);
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
