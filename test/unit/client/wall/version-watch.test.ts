import { describe, expect, it } from 'vitest';
import { versionWatch } from '../../../../client/wall/version-watch';

describe('a wall when the server version changes', () => {
  it('keeps running across reconnects to the same version', () => {
    let reloads = 0;
    const watch = versionWatch(() => reloads++);
    watch('0.1.0');
    watch('0.1.0');
    expect(reloads).toBe(0);
  });

  it('reloads once when a later welcome carries another version', () => {
    let reloads = 0;
    const watch = versionWatch(() => reloads++);
    watch('0.1.0');
    watch('0.2.0');
    watch('0.2.0');
    expect(reloads).toBe(1);
  });
});
