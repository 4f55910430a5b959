import type { Reason } from '../schemas/status.ts';
import { ProbeError } from './probe-error.ts';

const TLS_EXPIRED = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
]);
const TLS_UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
]);

/** Maps a raw error code (Node, OpenSSL, undici, llhttp, zlib) to the closed set of reasons. */
export function reasonForCode(code: string): Reason {
  if (TLS_EXPIRED.has(code)) return 'tls-expired';
  if (TLS_UNTRUSTED.has(code)) return 'tls-untrusted';
  switch (code) {
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return 'tls-hostname';
    case 'ECONNREFUSED':
      return 'connect-refused';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return 'connect-timeout';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'ECONNABORTED':
      return 'connect-reset';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return 'connect-unreachable';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ABORT_ERR':
    case 'TOTAL_TIMEOUT':
      return 'timeout';
    case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
      return 'too-large';
  }
  if (code.startsWith('HPE_') || code.startsWith('Z_') || code === 'ERR_INVALID_CHAR' || code.startsWith('UND_ERR_')) {
    return 'bad-response';
  }
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') return 'tls';
  // Something thrown without any code is our own bug, not the site's failure.
  if (code === 'UNKNOWN') return 'internal';
  return 'connect-reset';
}

/** Turns anything thrown during an attempt into a ProbeError; bugs (no code at all) keep their message. */
export function toProbeError(error: unknown): ProbeError {
  if (error instanceof ProbeError) return error;
  const err = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
  const code =
    typeof err?.code === 'string'
      ? err.code
      : typeof (err?.cause as { code?: unknown })?.code === 'string'
        ? (err.cause as { code: string }).code
        : err?.name === 'AbortError'
          ? 'ABORT_ERR'
          : err?.name === 'HTTPParserError'
            ? 'HPE_INVALID' // undici leaves the llhttp code out for some parse errors
            : 'UNKNOWN';
  const message = typeof err?.message === 'string' ? err.message : String(error);
  return new ProbeError(reasonForCode(code), code, message, { cause: error });
}
