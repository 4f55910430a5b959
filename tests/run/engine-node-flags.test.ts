import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ENGINE_ENV_PREFIX, ENGINE_NODE_FLAGS } from '../../checks/run/engine-node-flags.ts';

describe('the check engine runs with its Node flags', () => {
  it('npm run check and npm start (the demo runs checks) run node with ENGINE_ENV and ENGINE_NODE_FLAGS, as bench:check does', async () => {
    const { scripts } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.check).toBe(`${ENGINE_ENV_PREFIX} node ${ENGINE_NODE_FLAGS.join(' ')} checks/cli/check.ts`);
    expect(scripts.start).toBe(`${ENGINE_ENV_PREFIX} node ${ENGINE_NODE_FLAGS.join(' ')} checks/cli/demo.ts`);
  });

  it('sets MALLOC_ARENA_MAX, a fixed mmap threshold and a compile cache under node_modules as a shell prefix, and exposes gc (run/garbage-nudge.ts)', () => {
    expect(ENGINE_ENV_PREFIX).toBe(
      'MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 NODE_COMPILE_CACHE=node_modules/.cache/canhgac-compile',
    );
    expect(ENGINE_NODE_FLAGS).toContain('--expose-gc');
  });
});
