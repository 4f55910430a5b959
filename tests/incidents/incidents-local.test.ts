import { Resolver } from 'node:dns/promises';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createLocalBackend } from '../../checks/incidents/local-backend.ts';
import { runLocalCommand } from '../../checks/incidents/local-commands.ts';
import { runChecks } from '../../checks/run/run-checks.ts';
import { PublicIncidentSchema, InternalIncidentSchema, SiteTracksSchema } from '../../checks/schemas/incident.ts';
import { writeDemoRegistry } from '../../checks/simulator/demo-portals.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';
import { flatLocation } from '../../checks/store/data-location.ts';

// Incidents end to end through runChecks against the simulator, with the local backend (issues as
// files under the data dir): open, escalate, new findings, resolve, false positive, maintenance.
let sim: Simulator;
let dataDir: string;
let resolver: Resolver;
let hooks: Server;
const received: { event: string; siteId: string; kind: string; signature: string | undefined }[] = [];
const T0 = Date.parse('2026-11-25T01:00:00Z');
const at = (run: number) => new Date(T0 + run * 300_000);

beforeAll(async () => {
  sim = await startSimulator({ slowMs: 300, slowHeadersMs: 5_000 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-incidents-'));
  hooks = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const payload = JSON.parse(body);
      received.push({
        event: payload.event,
        siteId: payload.incident.siteId,
        kind: payload.incident.kind,
        signature: req.headers['x-canhgac-signature-256'] as string | undefined,
      });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(hooks.address() as { port: number }).port}/hook`;
  await writeDemoRegistry(dataDir, sim);
  const config = parse(await readFile(path.join(dataDir, 'config.yml'), 'utf8'));
  await writeFile(
    path.join(dataDir, 'config.yml'),
    stringify({
      ...config,
      incidents: {
        backend: 'local',
        internal_url: 'https://noi-bo.example.org/',
        webhook: { url: hookUrl, secret_env: 'CANHGAC_WEBHOOK_SECRET' },
      },
      defacement: { sample_pages: 0, visual: { enabled: false } },
    }),
  );
  for (const id of ['tinh-vi-du', 'so-tnmt-thanh-pho-mau']) {
    const file = path.join(dataDir, 'sites', `${id}.yml`);
    await writeFile(file, stringify({ ...parse(await readFile(file, 'utf8')), responders: ['canhgac-oncall'] }));
  }
  resolver = new Resolver();
  resolver.setServers([`${sim.dnsServer.host}:${sim.dnsServer.port}`]);
});
afterAll(async () => {
  await sim.close();
  await new Promise((resolve) => hooks.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

const backend = () => createLocalBackend(dataDir);
/** Markdown with its code spans taken out: what GitHub would interpret. */
const outsideCodeSpans = (markdown: string) => markdown.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '');
async function run(only: string[], n: number) {
  return runChecks(
    {
      location: flatLocation(dataDir),
      only,
      allowPrivate: true,
      commit: false,
      now: at(n),
      env: { CANHGAC_WEBHOOK_SECRET: 'bi-mat' },
    },
    { resolver, sleep: async () => {}, visual: null },
  );
}
async function issues() {
  return (await backend().listIssues([], 'all')).map((i) => ({
    number: i.number,
    state: i.state,
    stateReason: i.stateReason,
    title: i.title,
    labels: [...i.labels].sort(),
  }));
}
async function comments(n: number) {
  return JSON.parse(await readFile(path.join(dataDir, 'incidents', 'local', `${n}.json`), 'utf8')).comments.map(
    (c: { body: string }) => c.body.replace(/^<!-- canhgac:event [^>]*-->\n/, ''),
  ) as string[];
}

describe('incidents with the local backend, through runChecks', () => {
  it('opens an outage after two failing runs, assigned to the responders, and not before', async () => {
    const first = await run(['so-tnmt-thanh-pho-mau', 'bo-mau'], 0);
    expect(first.incidents?.actions).toEqual([]);
    expect(await issues()).toEqual([]);
    const second = await run(['so-tnmt-thanh-pho-mau', 'bo-mau'], 1);
    expect(second.incidents?.actions.map((a) => [a.siteId, a.track, a.action, a.issue])).toEqual([
      ['so-tnmt-thanh-pho-mau', 'availability', 'open', null],
      ['so-tnmt-thanh-pho-mau', 'availability', 'create-issue', 1],
    ]);
    const [issue] = await backend().listIssues([], 'all');
    expect(issue).toMatchObject({
      number: 1,
      state: 'open',
      title:
        '[Sự cố] Sở Tài nguyên và Môi trường thành phố Mẫu: không truy cập được / Mẫu City Department of Natural Resources and Environment: unreachable',
      labels: ['incident', 'kind:down', 'severity:major', 'site:so-tnmt-thanh-pho-mau'],
      assignees: ['canhgac-oncall'],
    });
    expect(issue!.body).toContain('<!-- canhgac:incident site=so-tnmt-thanh-pho-mau track=availability -->');
    expect(issue!.body).toContain(
      '**Trang nội bộ / Internal page:** https://noi-bo.example.org/site/so-tnmt-thanh-pho-mau/',
    );
    expect(issue!.body).toContain('connect-refused');
    expect(issue!.body).toContain('**Từ / Since:** 25/11/2026 08:00 (Asia/Ho_Chi_Minh)');
    // A third failing run says nothing new: no comment, no second issue.
    await run(['so-tnmt-thanh-pho-mau'], 2);
    expect(await comments(1)).toEqual([]);
    expect((await issues()).length).toBe(1);
  });

  it('keeps the public and internal records apart', async () => {
    const tracks = SiteTracksSchema.parse(
      JSON.parse(await readFile(path.join(dataDir, 'incidents', 'tracks', 'so-tnmt-thanh-pho-mau.json'), 'utf8')),
    );
    const id = tracks.tracks.availability.open!.id;
    expect(id).toBe('so-tnmt-thanh-pho-mau--availability--20261125T0100');
    const pub = PublicIncidentSchema.parse(
      JSON.parse(await readFile(path.join(dataDir, 'incidents', 'public', `${id}.json`), 'utf8')),
    );
    expect(pub).toMatchObject({
      publicKind: 'outage',
      state: 'open',
      startedAt: at(0).toISOString(),
      resolvedAt: null,
      titleVi: 'Sở Tài nguyên và Môi trường thành phố Mẫu: không truy cập được',
    });
    expect(JSON.stringify(pub)).not.toMatch(/canhgac-oncall|connect-refused|ECONNREFUSED/);
    const internal = InternalIncidentSchema.parse(
      JSON.parse(await readFile(path.join(dataDir, 'incidents', 'internal', `${id}.json`), 'utf8')),
    );
    expect(internal).toMatchObject({
      reason: 'connect-refused',
      responders: ['canhgac-oncall'],
      issue: { backend: 'local', number: 1 },
    });
    // Healthy sites leave no incident file behind.
    expect(await readdir(path.join(dataDir, 'incidents', 'tracks'))).toEqual(['so-tnmt-thanh-pho-mau.json']);
  });

  it('opens a defacement at once, comments the escalation evidence, and resolves with the duration once clean', async () => {
    await run(['tinh-vi-du'], 10); // baseline on first clean sight
    sim.setPortalMode('tinh-vi-du', 'iframe-injected');
    await run(['tinh-vi-du'], 11);
    await run(['tinh-vi-du'], 12);
    const suspected = (await issues()).find((i) => i.labels.includes('site:tinh-vi-du'))!;
    expect(suspected.labels).toEqual(['incident', 'kind:suspected', 'severity:minor', 'site:tinh-vi-du']);
    sim.setPortalMode('tinh-vi-du', 'hostile-defaced');
    await run(['tinh-vi-du'], 13);
    const defaced = (await issues()).find((i) => i.number === suspected.number)!;
    expect(defaced.labels).toEqual(['incident', 'kind:defaced', 'severity:critical', 'site:tinh-vi-du']);
    expect(defaced.title).toMatch(/: bị thay đổi giao diện \/ .*: defaced$/);
    const escalation = (await comments(suspected.number))[0] ?? '';
    expect(escalation).toMatch(/^\*\*Nâng mức \/ Escalated:\*\* nghi bị thay đổi giao diện → bị thay đổi giao diện/);
    // Hostile page text is inert: mentions only inside code spans; no link, image, HTML or forged marker.
    expect(escalation).toContain('@canhgac-oncall');
    expect(outsideCodeSpans(escalation)).not.toMatch(/@canhgac-oncall|\]\(|<img|#1\b|owner\/repo#3/);
    expect(escalation).not.toMatch(/<!-- canhgac:incident|https?:\/\/(t\.me|evil)/);

    sim.setPortalMode('tinh-vi-du', 'normal');
    await run(['tinh-vi-du'], 14);
    expect((await issues()).find((i) => i.number === suspected.number)!.state).toBe('open');
    await run(['tinh-vi-du'], 15);
    const resolved = (await issues()).find((i) => i.number === suspected.number)!;
    expect(resolved).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect((await comments(suspected.number)).at(-1)).toBe(
      '**Đã khôi phục / Recovered** sau / after 20 phút / 20 min.',
    );
    // The webhook heard open, escalate and resolve, signed with the secret from the environment.
    expect(received.filter((r) => r.siteId === 'tinh-vi-du').map((r) => [r.event, r.kind])).toEqual([
      ['open', 'suspected'],
      ['escalate', 'defaced'],
      ['resolve', 'defaced'],
    ]);
    expect(received.every((r) => /^sha256=[0-9a-f]{64}$/.test(r.signature ?? ''))).toBe(true);
  });

  it('false-positive closes as not planned, suppresses the finding, and accept-baseline retakes the baseline', async () => {
    await run(['so-tu-phap-vi-du'], 20);
    const opened = (await issues()).find((i) => i.labels.includes('site:so-tu-phap-vi-du'))!;
    expect(opened).toMatchObject({
      state: 'open',
      labels: ['incident', 'kind:defaced', 'severity:critical', 'site:so-tu-phap-vi-du'],
    });
    await runLocalCommand(backend(), 'label', [String(opened.number), '+false-positive', '+accept-baseline']);
    await run(['so-tu-phap-vi-du'], 21);
    expect((await issues()).find((i) => i.number === opened.number)).toMatchObject({
      state: 'closed',
      stateReason: 'not_planned',
    });
    expect((await comments(opened.number)).at(-1)).toMatch(
      /^\*\*Báo động nhầm \/ False positive\.\*\*[\s\S]*signal:defacer-signature:home[\s\S]*the next check takes the current page as the new baseline/,
    );
    // The accepted page is the baseline now and the suppressed findings no longer count: no new issue.
    await run(['so-tu-phap-vi-du'], 22);
    await run(['so-tu-phap-vi-du'], 23);
    expect((await issues()).filter((i) => i.labels.includes('site:so-tu-phap-vi-du'))).toHaveLength(1);
  });

  it('opens nothing for a site in maintenance (label on an open issue), and opens once the label is gone', async () => {
    // Run 30 comes 35 minutes after run 23: that late tick opens the monitor's own incident, not counted here.
    const siteIssues = async () => (await issues()).filter((i) => !i.labels.includes('kind:monitor'));
    const before = (await siteIssues()).length;
    const note = await backend().createIssue({
      title: 'Bảo trì / maintenance',
      body: 'planned',
      labels: ['maintenance', 'site:bo-ha-tang-mau'],
      assignees: [],
    });
    await run(['bo-ha-tang-mau'], 30);
    await run(['bo-ha-tang-mau'], 31);
    expect((await siteIssues()).length).toBe(before + 1);
    await runLocalCommand(backend(), 'close', [String(note.number)]);
    await run(['bo-ha-tang-mau'], 32);
    expect(
      (await issues()).filter((i) => i.labels.includes('site:bo-ha-tang-mau') && i.labels.includes('incident')),
    ).toHaveLength(1);
  });
});
