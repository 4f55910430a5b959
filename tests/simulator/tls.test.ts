import { X509Certificate } from 'node:crypto';
import { connect, type PeerCertificate } from 'node:tls';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../checks/simulator/certificates.ts';
import { startSimulator, type Simulator } from '../../checks/simulator/simulator.ts';
import { simulatorLookup } from '../../checks/simulator/simulator-lookup.ts';
import type { TlsScenario } from '../../checks/simulator/scenarios.ts';

const DAY_MS = 86_400_000;

/** Opens a TLS connection to a simulated portal and returns the server's leaf certificate. */
async function peerCertificate(sim: Simulator, scenario: TlsScenario, portal?: string): Promise<X509Certificate> {
  const url = new URL(sim.urlFor(scenario, portal));
  return new Promise((resolve, reject) => {
    const socket = connect(
      { host: '127.0.0.1', port: Number(url.port), servername: url.hostname, rejectUnauthorized: false },
      () => {
        const peer: PeerCertificate = socket.getPeerCertificate(true);
        socket.end();
        resolve(new X509Certificate(peer.raw));
      },
    );
    socket.on('error', reject);
  });
}

describe('simulator TLS scenarios', () => {
  let sim: Simulator;
  let agent: Agent;
  let ca: X509Certificate;
  const startedAt = Date.now();

  beforeAll(async () => {
    sim = await startSimulator();
    ca = new X509Certificate(sim.caPem);
    agent = new Agent({ connect: { lookup: simulatorLookup(sim.dnsServer), ca: sim.caPem, timeout: 1_000 } });
  });
  afterAll(async () => {
    await agent.close();
    await sim.close();
  });

  it('publishes a CA certificate', () => {
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('O=Canh Gác simulator (test only)\nCN=Canh Gác Simulator Test CA');
    expect(ca.verify(ca.publicKey)).toBe(true);
    expect(ca.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
  });

  it('serves tls-valid with a CA-signed certificate the client trusts', async () => {
    const response = await request(sim.urlFor('tls-valid'), { dispatcher: agent });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toContain('<title>Cổng thông tin điện tử tỉnh Ví Dụ</title>');
    const leaf = await peerCertificate(sim, 'tls-valid');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.verify(ca.publicKey)).toBe(true);
    expect(leaf.subjectAltName).toBe(
      'DNS:*.sim.canhgac.test, DNS:sim.canhgac.test, DNS:*.tls-valid.sim.canhgac.test, IP Address:127.0.0.1',
    );
    expect(leaf.validFromDate.getTime()).toBeLessThanOrEqual(startedAt - 29 * DAY_MS);
    expect(leaf.validToDate.getTime()).toBeGreaterThanOrEqual(startedAt + 59 * DAY_MS);
  });

  it('covers portal host names under a TLS scenario too', async () => {
    const response = await request(sim.urlFor('tls-valid', 'bo-du-lieu-so'), { dispatcher: agent });
    expect(response.statusCode).toBe(200);
    expect(await response.body.text()).toContain('<title>Cổng thông tin điện tử Bộ Dữ liệu số</title>');
  });

  it('serves tls-expired with a certificate that ended 10 days ago', async () => {
    await expect(request(sim.urlFor('tls-expired'), { dispatcher: agent })).rejects.toMatchObject({
      code: 'CERT_HAS_EXPIRED',
    });
    const leaf = await peerCertificate(sim, 'tls-expired');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.validToDate.getTime()).toBeLessThan(startedAt - 9 * DAY_MS);
    expect(leaf.validToDate.getTime()).toBeGreaterThan(startedAt - 11 * DAY_MS);
  });

  it('serves tls-self-signed with a certificate not from the CA', async () => {
    await expect(request(sim.urlFor('tls-self-signed'), { dispatcher: agent })).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const leaf = await peerCertificate(sim, 'tls-self-signed');
    expect(leaf.checkIssued(ca)).toBe(false);
    expect(leaf.issuer).toBe(leaf.subject);
    expect(leaf.checkHost('tls-self-signed.sim.canhgac.test')).toBe('*.sim.canhgac.test');
  });

  it('serves tls-wrong-host with a CA-signed certificate for another name', async () => {
    await expect(request(sim.urlFor('tls-wrong-host'), { dispatcher: agent })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
    const leaf = await peerCertificate(sim, 'tls-wrong-host');
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(leaf.subjectAltName).toBe('DNS:www.wrong-host.example');
    expect(leaf.checkHost('tls-wrong-host.sim.canhgac.test')).toBeUndefined();
  });

  it('counts TLS connections, including rejected handshakes', async () => {
    const before = sim.requestCount('tls-expired');
    await expect(request(sim.urlFor('tls-expired'), { dispatcher: agent })).rejects.toMatchObject({
      code: 'CERT_HAS_EXPIRED',
    });
    expect(sim.requestCount('tls-expired')).toBe(before + 1);
  });
});

describe('issueCertificate', () => {
  it('writes GeneralizedTime for dates from 2050 on and accepts IPv6 alt names', async () => {
    const cert = await issueCertificate({
      commonName: 'late.example',
      altNames: ['late.example', '::1'],
      notBefore: new Date('2049-12-31T00:00:00Z'),
      notAfter: new Date('2051-01-01T00:00:00Z'),
    });
    const parsed = new X509Certificate(cert.certPem);
    expect(parsed.validFromDate.toISOString()).toBe('2049-12-31T00:00:00.000Z');
    expect(parsed.validToDate.toISOString()).toBe('2051-01-01T00:00:00.000Z');
    expect(parsed.subjectAltName).toBe('DNS:late.example, IP Address:0:0:0:0:0:0:0:1');
  });
});
