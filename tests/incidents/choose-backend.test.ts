import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../checks/incidents/choose-backend.ts';
import { ConfigSchema } from '../../checks/schemas/config.ts';
import { startFakeGithub, type FakeGithub } from '../support/fake-github.ts';

const config = (incidents: Record<string, unknown>) =>
  ConfigSchema.parse({ organisation: { name: 'Thử nghiệm' }, incidents });

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'canhgac-backend-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('chooseBackend', () => {
  it('auto: local files without a token, and says so; GitHub with one', () => {
    const local = chooseBackend(config({}), { GITHUB_REPOSITORY: 'a/b' }, dataDir);
    expect([local.backend?.kind, local.notice]).toEqual([
      'local',
      'no GITHUB_TOKEN: incidents are kept as files under incidents/local (npm run incident -- list)',
    ]);
    const blank = chooseBackend(config({}), { GITHUB_TOKEN: '  ', GITHUB_REPOSITORY: 'a/b' }, dataDir);
    expect(blank.backend?.kind).toBe('local');
    const github = chooseBackend(config({}), { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'a/b' }, dataDir);
    expect([github.backend?.kind, github.backend?.repository, github.notice]).toEqual(['github', 'a/b', null]);
  });

  it('the config repository wins over GITHUB_REPOSITORY; off means no backend; local ignores a token', () => {
    const chosen = chooseBackend(
      config({ repository: 'ops/incidents' }),
      { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'a/b' },
      dataDir,
    );
    expect(chosen.backend?.repository).toBe('ops/incidents');
    expect(chooseBackend(config({ backend: 'off' }), { GITHUB_TOKEN: 't' }, dataDir)).toEqual({
      backend: null,
      notice: null,
    });
    expect(
      chooseBackend(config({ backend: 'local' }), { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'a/b' }, dataDir),
    ).toMatchObject({ backend: { kind: 'local' }, notice: null });
  });

  it('github asked for: names what is missing, and a malformed repository', () => {
    expect(() => chooseBackend(config({ backend: 'github' }), { GITHUB_REPOSITORY: 'a/b' }, dataDir)).toThrow(
      'incidents.backend is "github" but GITHUB_TOKEN is not set',
    );
    expect(() =>
      chooseBackend(config({ backend: 'github' }), { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: ' ' }, dataDir),
    ).toThrow(
      'incidents go to GitHub but no repository is named: set incidents.repository in config.yml or GITHUB_REPOSITORY',
    );
    expect(() =>
      chooseBackend(config({ backend: 'github' }), { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'nope' }, dataDir),
    ).toThrow('github: repository must be "owner/name", got "nope"');
  });

  describe('against a fake GitHub', () => {
    let gh: FakeGithub;
    beforeEach(async () => {
      gh = await startFakeGithub();
    });
    afterEach(() => gh.close());

    it('talks to GITHUB_API_URL, with a trailing slash too (GitHub Enterprise Server)', async () => {
      gh.seed({ title: 'one' });
      const { backend } = chooseBackend(
        config({ repository: gh.repository }),
        { GITHUB_TOKEN: gh.token, GITHUB_API_URL: `${gh.url}/` },
        dataDir,
      );
      expect((await backend!.getIssue(1)).title).toBe('one');
      expect(gh.requests[0]!.path).toBe(`/repos/${gh.repository}/issues/1`);
    });
  });
});
