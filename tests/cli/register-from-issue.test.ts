import { execFile } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runRegisterFromIssue, type RegisterDeps } from '../../checks/registry/run-register-from-issue.ts';
import type { RegistrationResult } from '../../checks/schemas/registration.ts';
import { startFakeGithub, type FakeGithub } from '../support/fake-github.ts';
import { EXISTING_SITE, formBody, GOOD_FORM, goodSiteFile, tempRegistry } from '../registry/register-fixtures.ts';

const CLI = path.join(import.meta.dirname, '../../checks/cli/register-from-issue.ts');
let server: http.Server;
let siteUrl: string;
let gh: FakeGithub;
let work: string;
let data: { dir: string; remove: () => Promise<void> };

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(async () => {
  gh = await startFakeGithub({ repository: 'canh/registry' });
  gh.seedBranch('main', { 'data/sites/bo-a.yml': EXISTING_SITE });
  gh.seed({ title: '[Đăng ký] Tỉnh Mẫu', labels: ['dang-ky'] }); // issue #1
  work = await mkdtemp(path.join(os.tmpdir(), 'canhgac-register-cli-'));
  data = await tempRegistry({ 'bo-a': EXISTING_SITE });
});
afterEach(async () => {
  await gh.close();
  await data.remove();
  await rm(work, { recursive: true, force: true });
});

const deps: RegisterDeps = {
  probe: { resolver: new Resolver(), ca: [] },
  client: { throttle: { msPerSecond: 1, spaceWrites: false }, timeoutMs: 3_000 },
};

async function writeEvent(body: string, action = 'opened', issue = 1): Promise<string> {
  const file = path.join(work, `event-${action}.json`);
  await writeFile(
    file,
    JSON.stringify({
      action,
      issue: { number: issue, title: 'x', body, labels: [{ name: 'dang-ky' }], state: 'open' },
      repository: { full_name: 'canh/registry', default_branch: 'main' },
    }),
  );
  return file;
}

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRegisterFromIssue(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) }, deps);
  return { code, out, err };
}

const env = () => ({ GITHUB_TOKEN: gh.token, GITHUB_API_URL: gh.url });

/** read then respond, as the two jobs do. */
async function register(body: string, action = 'opened') {
  const event = await writeEvent(body, action);
  const result = path.join(work, 'result.json');
  const read = await run(['read', '--event', event, '--data', data.dir, '--out', result, '--allow-private']);
  expect(read).toMatchObject({ code: 0, err: [] });
  const respond = await run(
    ['respond', '--event', event, '--data', data.dir, '--result', result, '--allow-private'],
    env(),
  );
  return { read, respond, result: JSON.parse(await readFile(result, 'utf8')) as RegistrationResult };
}

const FILE = (name: string, url: string) => goodSiteFile(1, name, url);

describe('register-from-issue read + respond, against the fake GitHub', () => {
  it('opens one pull request with the site file, then updates it when the issue is edited', async () => {
    const first = await register(formBody({ ...GOOD_FORM, url: siteUrl }));
    const id = `127-0-0-1-${new URL(siteUrl).port}`;
    expect(first.result).toMatchObject({ outcome: 'accepted', id, path: `data/sites/${id}.yml` });
    expect(first.respond).toEqual({ code: 0, out: [`issue #1: opened pull request #2`], err: [] });

    const branch = gh.branch('dang-ky/issue-1')!;
    expect(branch.parent).toBe(gh.branch('main')!.sha);
    expect(branch.files).toEqual({
      'data/sites/bo-a.yml': EXISTING_SITE,
      [`data/sites/${id}.yml`]: FILE(GOOD_FORM.name, siteUrl),
    });
    expect(branch.message).toBe(`Đăng ký giám sát: ${id} (#1)\n\nRegister a site: ${id}, from issue #1.`);

    const [pull] = gh.pulls();
    const defanged = siteUrl.replace('http://', 'hxxp://').replaceAll('.', '[.]');
    // The probe's time varies; everything else is exact.
    expect({ ...pull, body: pull!.body.replace(/ \d+ ms/g, ' N ms') }).toEqual({
      number: 2,
      title: `Đăng ký giám sát / Register a site: ${id}`,
      state: 'open',
      head: 'dang-ky/issue-1',
      base: 'main',
      body: [
        'Đăng ký giám sát từ issue #1. / Site registration from issue #1.',
        '',
        'Closes #1',
        '',
        '| | |',
        '|---|---|',
        '| Tên / Name | `Cổng thông tin điện tử tỉnh Mẫu` |',
        '| Tên tiếng Anh / English name | `Mau Province Portal` |',
        '| Cơ quan / Agency | `Ủy ban nhân dân tỉnh Mẫu` |',
        '| Nhóm / Group | `province` |',
        `| Địa chỉ / URL | \`${defanged}\` |`,
        `| Tệp / File | \`data/sites/${id}.yml\` |`,
        '',
        '**Ghi chú / Notes**',
        '',
        '- **Địa chỉ / URL**: dùng `http://`; nên dùng `https://` nếu trang hỗ trợ.',
        '  _uses `http://`; prefer `https://` if the site supports it._',
        '',
        '**Kiểm tra thử / Test fetch**',
        '',
        `Trang trả lời HTTP 200 sau N ms (\`${defanged}\`).`,
        `_The site answered HTTP 200 in N ms (\`${defanged}\`)._`,
        '',
        '**Người duyệt / Reviewers:** pull request này do `GITHUB_TOKEN` mở nên workflow _validate sites_ không tự chạy: đóng rồi mở lại pull request, hoặc chạy _validate sites_ (Run workflow) trên nhánh `dang-ky/issue-1`.',
        '_This pull request was opened with `GITHUB_TOKEN`, so the validate sites checks do not start by themselves: close and reopen it, or run validate sites (Run workflow) on branch `dang-ky/issue-1`._',
        '',
      ].join('\n'),
    });

    const [comment] = gh.comments(1);
    expect(comment!.body.split('\n').slice(0, 7)).toEqual([
      `**Đã mở pull request #2 thêm \`data/sites/${id}.yml\`. / Opened pull request #2 adding \`data/sites/${id}.yml\`.**`,
      '',
      'Đơn vị vận hành sẽ duyệt và gộp; việc giám sát bắt đầu từ lần kiểm tra kế tiếp sau đó. Muốn sửa, hãy chỉnh sửa issue này.',
      '_A maintainer reviews and merges it; monitoring starts with the next check after that. To change something, edit this issue._',
      '',
      'Đầu mối liên hệ **không** ghi ở đây: gửi riêng cho đơn vị vận hành. / _Contacts do **not** go here: send them privately to the operator._',
      '',
    ]);

    // The author edits the issue: a new name. Same branch, same pull request, rebuilt from main.
    const second = await register(formBody({ ...GOOD_FORM, url: siteUrl, name: 'Cổng tỉnh Mẫu (mới)' }), 'edited');
    expect(second.respond.out).toEqual(['issue #1: updated pull request #2']);
    expect(gh.pulls()).toHaveLength(1);
    const rebuilt = gh.branch('dang-ky/issue-1')!;
    expect(rebuilt.parent).toBe(gh.branch('main')!.sha);
    expect(rebuilt.files[`data/sites/${id}.yml`]).toBe(FILE('Cổng tỉnh Mẫu (mới)', siteUrl));
    expect(gh.comments(1)[1]!.body).toContain('**Đã cập nhật pull request #2');

    // An edit that changes nothing in the file leaves the branch alone.
    const third = await register(formBody({ ...GOOD_FORM, url: siteUrl, name: 'Cổng tỉnh Mẫu (mới)' }), 'edited');
    expect(third.respond.out).toEqual(['issue #1: updated pull request #2 (file unchanged)']);
    expect(gh.branch('dang-ky/issue-1')!.sha).toBe(rebuilt.sha);
    expect(gh.pulls()).toHaveLength(1);
  });

  it('comments the field errors and writes nothing else', async () => {
    const body = formBody({
      name: '@everyone <script>x</script>',
      url: 'https://bo-a.example.org',
      agency: 'A',
      group: 'tinh',
    });
    const { respond, result } = await register(body);
    expect(result.outcome).toBe('rejected');
    expect(respond.out).toEqual(['issue #1: commented the errors']);
    expect(gh.pulls()).toEqual([]);
    expect(gh.branch('dang-ky/issue-1')).toBeUndefined();
    expect(gh.comments(1).map((c) => c.body)).toEqual([
      [
        '**Chưa thể đăng ký trang này / This site cannot be registered yet.**',
        '',
        'Hãy sửa các mục dưới đây bằng cách chỉnh sửa issue (Edit); Canh Gác sẽ kiểm tra lại ngay.',
        '_Edit the issue to fix the fields below; Canh Gác checks it again right away._',
        '',
        '- **Địa chỉ / URL**: đã được giám sát: có trong `data/sites/bo-a.yml`.',
        '  _is already monitored: listed in `data/sites/bo-a.yml`._',
        '- **Nhóm / Group**: không có nhóm `tinh`; các nhóm: `ministry`, `other`, `province`.',
        '  _there is no group `tinh`; the groups are: `ministry`, `other`, `province`._',
        '',
      ].join('\n'),
    ]);
  });

  it('a token without the permissions fails the job, naming the call and the permissions, and is not repeated', async () => {
    gh.fail({ status: 403, method: 'POST', path: /\/issues\/1\/comments$/ });
    const body = formBody({ name: 'A', url: 'https://bo-a.example.org', agency: 'A', group: 'tinh' });
    const { respond } = await register(body);
    expect(respond.code).toBe(1);
    expect(respond.err).toEqual([
      'register-from-issue: github: commenting on issue #1 in canh/registry failed: 403 Resource not accessible by integration — does the token have contents, pull-requests and issues: write?',
    ]);
    expect(gh.comments(1)).toEqual([]);
  });

  it('trusts nothing in result.json: a forged site file is checked again and refused', async () => {
    const event = await writeEvent('');
    const result = path.join(work, 'forged.json');
    const forged = {
      version: 1,
      issue: 1,
      outcome: 'accepted',
      id: 'evil',
      path: 'data/sites/evil.yml',
      content: 'name: x\nagency: y\ngroup: province\nurl: http://169.254.169.254/\ncontacts: [{name: "@everyone"}]\n',
      notes: [],
      probe: { outcome: 'not-run' },
    };
    await writeFile(result, JSON.stringify(forged));
    const respond = await run(['respond', '--event', event, '--data', data.dir, '--result', result], env());
    expect(respond.out).toEqual(['issue #1: commented the errors']);
    expect(gh.pulls()).toEqual([]);
    expect(gh.comments(1)[0]!.body).toContain(
      '- **Địa chỉ / URL**: trỏ tới địa chỉ nội bộ hoặc đặc biệt (`linkLocal`).',
    );

    // A path outside data/sites, or another issue's result, is not even a result.
    await writeFile(result, JSON.stringify({ ...forged, path: '.github/workflows/x.yml' }));
    expect(await run(['respond', '--event', event, '--data', data.dir, '--result', result], env())).toEqual({
      code: 1,
      out: [],
      err: [`register-from-issue: ${result} is not a registration result: path: must be data/sites/<id>.yml`],
    });
    await writeFile(result, JSON.stringify({ ...forged, issue: 9 }));
    expect((await run(['respond', '--event', event, '--data', data.dir, '--result', result], env())).err).toEqual([
      'register-from-issue: result.json is about issue #9, but this run is about issue #1',
    ]);
  });

  it('fails with the usage on a bad command line, and without a token', async () => {
    const missing = await run(['read', '--event', 'x.json']);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toBe('register-from-issue: read needs --data');
    const event = await writeEvent('');
    const noToken = await run(['respond', '--event', event, '--data', data.dir, '--result', event]);
    expect(noToken.err[0]).toMatch(/is not a registration result/);
  });

  it("runs as a child process, reading the event file (the workflow's way)", async () => {
    const event = await writeEvent(formBody({ ...GOOD_FORM, url: 'https://u:p@x.example.org/' }));
    const out = path.join(work, 'child.json');
    const child = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [CLI, 'read', '--event', event, '--data', data.dir, '--out', out], (error, stdout) =>
        resolve({ code: error ? Number(error.code) : 0, stdout }),
      );
    });
    expect(child).toEqual({ code: 0, stdout: 'issue #1: rejected (url:url-credentials)\n' });
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({
      version: 1,
      issue: 1,
      outcome: 'rejected',
      errors: [{ field: 'url', code: 'url-credentials', values: [] }],
      notes: [],
      probe: { outcome: 'not-run' },
    });
  }, 20_000);
});
