import { describe, expect, it } from 'vitest';
import { decodeWith, detectCharset } from '../../checks/probes/decode-body.ts';

// What a probe and the analysis do in turn: detect the charset, then decode with it.
const decodeBody = (bytes: Uint8Array, contentType: string) => {
  const charset = detectCharset(bytes, contentType);
  return { text: decodeWith(bytes, charset), charset };
};
import { reasonForCode } from '../../checks/probes/classify-error.ts';

describe('decodeBody', () => {
  const phrase = 'Cổng thông tin điện tử';
  it('follows the Content-Type charset', () => {
    expect(decodeBody(Buffer.from(phrase), 'text/html; charset=UTF-8')).toEqual({ text: phrase, charset: 'utf-8' });
  });
  it('decodes windows-1258 combining tone marks to NFC', () => {
    // "Cổng" in windows-1258: C, ô (0xF4), combining hook above (0xD2), n, g
    const bytes = Uint8Array.from([0x43, 0xf4, 0xd2, 0x6e, 0x67]);
    expect(decodeBody(bytes, 'text/html; charset=windows-1258')).toEqual({ text: 'Cổng', charset: 'windows-1258' });
  });
  it('sniffs <meta charset> when the header has none, and a BOM beats both', () => {
    const html = Buffer.from('<meta charset="windows-1258"><p>\xf4</p>', 'latin1');
    expect(decodeBody(html, 'text/html').charset).toBe('windows-1258');
    expect(
      decodeBody(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(phrase)]),
        'text/html; charset=windows-1258',
      ).charset,
    ).toBe('utf-8');
  });
  it('falls back to UTF-8 for an unknown label', () => {
    expect(decodeBody(Buffer.from(phrase), 'text/html; charset=x-made-up')).toEqual({ text: phrase, charset: 'utf-8' });
  });
});

describe('reasonForCode', () => {
  it.each([
    ['CERT_HAS_EXPIRED', 'tls-expired'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-untrusted'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-untrusted'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-hostname'],
    ['ECONNREFUSED', 'connect-refused'],
    ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout'],
    ['ECONNRESET', 'connect-reset'],
    ['UND_ERR_SOCKET', 'connect-reset'],
    ['EHOSTUNREACH', 'connect-unreachable'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['HPE_INVALID_CONSTANT', 'bad-response'],
    ['Z_DATA_ERROR', 'bad-response'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
  ] as const)('%s → %s', (code, reason) => {
    expect(reasonForCode(code)).toBe(reason);
  });
});
