import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ENGINE_NODE_FLAGS } from '../../checks/run/engine-node-flags.ts';

describe('the check engine runs with its Node flags', () => {
  it('npm run check and npm start (the demo runs checks) pass ENGINE_NODE_FLAGS to node, as bench:check does', async () => {
    const { scripts } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.check).toBe(`node ${ENGINE_NODE_FLAGS.join(' ')} checks/cli/check.ts`);
    expect(scripts.start).toBe(`node ${ENGINE_NODE_FLAGS.join(' ')} checks/cli/demo.ts`);
  });
});
