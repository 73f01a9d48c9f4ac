import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  redis: string;
  redisPid: number | null;
}

/** What the figures were measured on: they mean little without it. */
export async function describeMachine(redis: RedisClient): Promise<Machine> {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const info = await redis.info('server');
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
  const pid = Number(field('process_id'));
  return {
    cpu: /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    redis: field('redis_version') ?? 'unknown',
    redisPid: Number.isInteger(pid) && pid > 0 ? pid : null,
  };
}
