import { Resolver } from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DnsResolver } from '../../checks/probes/resolve-host.ts';
import { probeNewSite } from '../../checks/registry/probe-new-site.ts';
import { readRegistration } from '../../checks/registry/read-registration.ts';
import { ProbeSettingsSchema } from '../../checks/schemas/config.ts';
import { formBody, GOOD_FORM } from './register-fixtures.ts';

// Only servers on 127.0.0.1, reached with allowPrivate (tests only); the blocked case never connects.
let server: http.Server;
let base: string;
let closedPort: number;
const settings = ProbeSettingsSchema.parse({
  connect_timeout_ms: 500,
  header_timeout_ms: 1_000,
  total_timeout_ms: 2_000,
});
const deps = { resolver: new Resolver(), ca: [], now: new Date('2026-11-25T01:00:00Z') };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/down') res.writeHead(503).end('bảo trì');
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>Tỉnh Mẫu</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const spare = http.createServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  closedPort = (spare.address() as AddressInfo).port;
  await new Promise((resolve) => spare.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Answers every name with `address`, as a hostile or misconfigured DNS zone would. */
const resolvingTo = (address: string): DnsResolver => ({
  resolve4: async () => [address],
  resolve6: async () => [],
  resolveCname: async () => [],
});

describe('probeNewSite', () => {
  it('reports a site that answers', async () => {
    const result = await probeNewSite(`${base}/`, settings, true, deps);
    expect(result).toMatchObject({ blocked: false, probe: { outcome: 'answered', status: 200, finalUrl: `${base}/` } });
  });

  it('reports an error status as a note, not a refusal', async () => {
    const result = await probeNewSite(`${base}/down`, settings, true, deps);
    expect(result).toMatchObject({ blocked: false, probe: { outcome: 'answered', status: 503 } });
  });

  it('reports a site that is down as unreachable, without throwing', async () => {
    const result = await probeNewSite(`http://127.0.0.1:${closedPort}/`, settings, true, deps);
    expect(result).toEqual({
      blocked: false,
      probe: {
        outcome: 'unreachable',
        reason: 'connect-refused',
        code: 'ECONNREFUSED',
        message: expect.stringContaining('127.0.0.1') as unknown as string,
      },
    });
  });

  it('refuses a public name that resolves to a private address (SSRF guard)', async () => {
    const result = await probeNewSite('https://portal.example.org/', settings, false, {
      ...deps,
      resolver: resolvingTo('169.254.169.254'),
    });
    expect(result).toEqual({
      blocked: true,
      message:
        'portal.example.org resolves to 169.254.169.254, which is in the link-local range; refused by the SSRF guard',
    });
  });
});

describe('readRegistration', () => {
  const registry = { groups: ['province'], ids: new Set<string>(), urls: new Map<string, string>() };
  const event = (body: string) => ({
    action: 'opened',
    issue: { number: 4, body, labels: [{ name: 'dang-ky' }] },
    repository: { full_name: 'canh/registry', default_branch: 'main' },
  });

  it('turns a blocked address into an error on the URL field', async () => {
    const result = await readRegistration({
      event: event(formBody({ ...GOOD_FORM, url: 'https://portal.example.org/' })),
      registry,
      settings,
      allowPrivate: false,
      probeDeps: { ...deps, resolver: resolvingTo('10.0.0.7') },
    });
    expect(result).toEqual({
      version: 1,
      issue: 4,
      outcome: 'rejected',
      errors: [
        {
          field: 'url',
          code: 'url-blocked',
          values: [
            'portal.example.org resolves to 10.0.0.7, which is in the private (RFC 1918) range; refused by the SSRF guard',
          ],
        },
      ],
      notes: [],
      probe: { outcome: 'not-run' },
    });
  });

  it('accepts a site that is down, with the probe as a note', async () => {
    const result = await readRegistration({
      event: event(formBody({ ...GOOD_FORM, url: `http://127.0.0.1:${closedPort}/` })),
      registry,
      settings,
      allowPrivate: true,
      probeDeps: deps,
    });
    expect(result.outcome).toBe('accepted');
    expect(result.probe).toMatchObject({ outcome: 'unreachable', reason: 'connect-refused' });
  });

  it('does not fetch a URL with errors of its own', async () => {
    let lookups = 0;
    const counting: DnsResolver = {
      resolve4: async () => {
        lookups++;
        return ['93.184.216.34'];
      },
      resolve6: async () => [],
      resolveCname: async () => [],
    };
    const result = await readRegistration({
      event: event(formBody({ ...GOOD_FORM, url: 'https://u:p@portal.example.org/' })),
      registry,
      settings,
      allowPrivate: false,
      probeDeps: { ...deps, resolver: counting },
    });
    expect(result.outcome).toBe('rejected');
    expect(lookups).toBe(0);
  });
});
