import net from 'node:net';
import tls from 'node:tls';
import type { buildConnector } from 'undici';
import type { TlsResult } from '../schemas/status.ts';
import { isIpLiteral, stripBrackets } from '../net/address-policy.ts';
import { ProbeError } from './probe-error.ts';
import { summariseCertificate } from './tls-summary.ts';
import { reasonForCode } from './classify-error.ts';

/** What one connection cost and, for HTTPS, what certificate it saw. Keyed by origin. */
export interface ConnectionRecord {
  connectMs: number | null;
  tlsMs: number | null;
  /** performance.now() when the socket was ready for the request (after TLS, if any). */
  readyAt: number | null;
  tls: TlsResult | null;
}

/** State shared by one probe attempt and its connector. */
export interface ConnectorContext {
  /** host name → the address that passed the SSRF check; the connector dials only these. */
  readonly pins: Map<string, string>;
  readonly connections: Map<string, ConnectionRecord>;
  readonly connectTimeoutMs: number;
  /** Trusted roots (Node's bundled ones plus any configured extras). */
  readonly ca: readonly string[];
  readonly now: Date;
}

export function originKey(protocol: string, hostname: string, port: string | number): string {
  const defaultPort = protocol === 'https:' ? 443 : 80;
  return `${protocol}//${stripBrackets(hostname)}:${Number(port) || defaultPort}`;
}

/**
 * An undici connector that dials the address already checked by the SSRF guard instead of looking the
 * name up again (no DNS rebinding), times TCP and TLS set-up, and judges the certificate itself so that
 * an expired or untrusted certificate is still recorded (issuer, expiry, fingerprint) before it fails.
 */
export function createPinnedConnector(context: ConnectorContext): buildConnector.connector {
  return (options, callback) => {
    const hostname = stripBrackets(options.hostname);
    const address = context.pins.get(hostname);
    if (address === undefined) {
      callback(
        new ProbeError(
          'blocked-address',
          'NOT_CHECKED',
          `refusing to connect to ${hostname}: its address was not checked`,
        ),
        null,
      );
      return;
    }
    const secure = options.protocol === 'https:';
    const port = Number(options.port) || (secure ? 443 : 80);
    const record: ConnectionRecord = { connectMs: null, tlsMs: null, readyAt: null, tls: null };
    context.connections.set(originKey(options.protocol, hostname, port), record);

    const started = performance.now();
    let tcpDone = started;
    let settled = false;
    const finish = (error: Error | null, socket: net.Socket | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket?.destroy();
        callback(error, null);
      } else {
        record.readyAt = performance.now();
        callback(null, socket as net.Socket);
      }
    };

    const socket = secure
      ? tls.connect({
          host: address,
          port,
          servername: isIpLiteral(hostname) ? undefined : hostname,
          ca: [...context.ca],
          rejectUnauthorized: false,
          ALPNProtocols: ['http/1.1'],
        })
      : net.connect({ host: address, port });
    const timer = setTimeout(() => {
      const error = new ProbeError(
        'connect-timeout',
        'UND_ERR_CONNECT_TIMEOUT',
        `connecting to ${hostname} (${address}:${port}) timed out after ${context.connectTimeoutMs} ms`,
      );
      finish(error, socket);
    }, context.connectTimeoutMs);

    socket.setNoDelay(true);
    socket.once('error', (error) => finish(error, socket));
    socket.once('connect', () => {
      tcpDone = performance.now();
      record.connectMs = round(tcpDone - started);
      if (!secure) finish(null, socket);
    });
    if (secure) {
      const tlsSocket = socket as tls.TLSSocket;
      tlsSocket.once('secureConnect', () => {
        record.tlsMs = round(performance.now() - tcpDone);
        const failure = judgeCertificate(tlsSocket, hostname);
        const cert = tlsSocket.getPeerCertificate();
        if (cert?.valid_to) {
          record.tls = summariseCertificate(cert, tlsSocket.getProtocol(), failure?.code ?? null, context.now);
        }
        finish(failure, tlsSocket);
      });
    }
  };
}

function judgeCertificate(socket: tls.TLSSocket, hostname: string): ProbeError | null {
  if (!socket.authorized) {
    const raw = socket.authorizationError as unknown;
    const code = typeof raw === 'string' ? raw : String((raw as { code?: string })?.code ?? raw ?? 'TLS_UNAUTHORIZED');
    return new ProbeError(reasonForCode(code), code, `certificate of ${hostname} rejected: ${code}`);
  }
  const mismatch = tls.checkServerIdentity(hostname, socket.getPeerCertificate());
  if (mismatch) {
    const code = (mismatch as { code?: string }).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID';
    return new ProbeError('tls-hostname', code, mismatch.message);
  }
  return null;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
