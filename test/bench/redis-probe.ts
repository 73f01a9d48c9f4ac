import type { createClient } from 'redis';

type RedisClient = ReturnType<typeof createClient>;

export interface CommandCost {
  command: string;
  calls: number;
  /** Time Redis spent executing it (INFO commandstats usec), ms. */
  ms: number;
  usPerCall: number;
}

/** Per command: calls and microseconds, as INFO commandstats counts them since Redis started. */
export type CommandStats = Map<string, { calls: number; usec: number }>;

/**
 * Where Redis's time goes, per command (commands run inside the commit script are counted too). When a
 * figure is missed this tells whether the time went into Redis (the commit script, the reads) or into Node.
 */
export async function commandStats(redis: RedisClient): Promise<CommandStats> {
  const out: CommandStats = new Map();
  for (const m of (await redis.info('commandstats')).matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    out.set(m[1]!, { calls: Number(m[2]), usec: Number(m[3]) });
  }
  return out;
}

/** The commands that cost Redis the most between two commandStats() readings (ours included). */
export function costlyCommands(before: CommandStats, after: CommandStats, top = 6): CommandCost[] {
  const costs: CommandCost[] = [];
  for (const [command, a] of after) {
    const b = before.get(command) ?? { calls: 0, usec: 0 };
    const calls = a.calls - b.calls;
    if (calls <= 0) continue;
    const usec = a.usec - b.usec;
    costs.push({ command, calls, ms: usec / 1000, usPerCall: usec / calls });
  }
  return costs.sort((x, y) => y.ms - x.ms).slice(0, top);
}
