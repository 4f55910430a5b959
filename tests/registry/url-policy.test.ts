import { describe, expect, test } from 'vitest';
import { normaliseUrl } from '../../checks/registry/normalise-url.ts';
import { checkSiteUrl } from '../../checks/registry/url-policy.ts';

const strict = { allowPrivate: false };
const lax = { allowPrivate: true };

describe('checkSiteUrl', () => {
  test.each([
    ['https://bovidu.example.com/', strict, []],
    ['https://bovidu.example.com/tin-tuc?trang=1', strict, []],
    ['http://bovidu.example.com/', strict, ['warning uses http://; prefer https://']],
    ['https://bovidu.example.com/#tin-moi', strict, ['warning the fragment "#tin-moi" is ignored']],
    [
      '//bovidu.example.com/',
      strict,
      ['error "//bovidu.example.com/" is not a valid absolute URL such as "https://www.example.org/"'],
    ],
    ['https://', strict, ['error "https://" is not a valid absolute URL such as "https://www.example.org/"']],
    ['javascript:alert(1)', strict, ['error must start with https:// or http://, not "javascript:"']],
    ['file:///etc/passwd', lax, ['error must start with https:// or http://, not "file:"']],
    ['https://user@bovidu.example.com/', strict, ['error must not contain a user name or password']],
    ['https://:secret@bovidu.example.com/', strict, ['error must not contain a user name or password']],
    ['https://bovidu.example.com:443/', strict, []],
    ['http://bovidu.example.com:80/', strict, ['warning uses http://; prefer https://']],
    ['https://bovidu.example.com:8443/', strict, ['error must not use a non-default port (8443)']],
    ['https://bovidu.example.com:8443/', lax, []],
    ['https://93.184.215.14/', strict, ['error must use a host name, not an IP address (93.184.215.14)']],
    ['https://93.184.215.14/', lax, []],
    ['https://[2606:4700::1111]/', strict, ['error must use a host name, not an IP address (2606:4700::1111)']],
    // WHATWG URL rewrites every IPv4 spelling to dotted decimal before we look at it.
    ['https://2130706433/', strict, ['error points to a private or special address (loopback)']],
    ['https://0x7f.1/', strict, ['error points to a private or special address (loopback)']],
    ['https://0177.0.0.1/', strict, ['error points to a private or special address (loopback)']],
    ['https://127.1/', strict, ['error points to a private or special address (loopback)']],
    ['https://192.168.1.10/', strict, ['error points to a private or special address (private)']],
    ['https://169.254.169.254/', strict, ['error points to a private or special address (linkLocal)']],
    ['https://100.64.0.1/', strict, ['error points to a private or special address (carrierGradeNat)']],
    ['https://[::1]/', strict, ['error points to a private or special address (loopback)']],
    ['https://[fd00::1]/', strict, ['error points to a private or special address (uniqueLocal)']],
    ['https://[::ffff:10.0.0.1]/', strict, ['error points to a private or special address (private)']],
    ['https://127.0.0.1/', lax, []],
    ['https://localhost/', strict, ['error points to a private or special host name (localhost)']],
    ['https://LOCALHOST./', strict, ['error points to a private or special host name (localhost)']],
    ['https://portal.localhost/', strict, ['error points to a private or special host name (.localhost)']],
    ['https://printer.local/', strict, ['error points to a private or special host name (.local)']],
    ['https://cms.internal/', strict, ['error points to a private or special host name (.internal)']],
    ['https://router.home.arpa/', strict, ['error points to a private or special host name (.home.arpa)']],
    ['https://notlocalhost.example.com/', strict, []],
    ['https://localhost/', lax, []],
    [
      'http://admin:pw@127.0.0.1:8080/#x',
      strict,
      [
        'error must not contain a user name or password',
        'error must not use a non-default port (8080)',
        'error points to a private or special address (loopback)',
        'warning uses http://; prefer https://',
        'warning the fragment "#x" is ignored',
      ],
    ],
    [
      'http://admin:pw@127.0.0.1:8080/#x',
      lax,
      [
        'error must not contain a user name or password',
        'warning uses http://; prefer https://',
        'warning the fragment "#x" is ignored',
      ],
    ],
  ] as const)('%s (allowPrivate: %o)', (raw, options, expected) => {
    expect(checkSiteUrl(raw, options).map((p) => `${p.severity} ${p.message}`)).toEqual(expected);
  });

  test('each finding carries its code and the part of the URL it is about (the issue form words them itself)', () => {
    const strict = { allowPrivate: false };
    const found = (raw: string) => checkSiteUrl(raw, strict).map((p) => [p.code, ...p.values]);
    expect(found('not a url')).toEqual([['url-invalid', 'not a url']]);
    expect(found('ftp://x.gov.vn/')).toEqual([['url-scheme', 'ftp:']]);
    expect(found('https://u:p@x.gov.vn:8443/#top')).toEqual([
      ['url-credentials'],
      ['url-port', '8443'],
      ['url-fragment', '#top'],
    ]);
    expect(found('https://[::ffff:10.0.0.1]/')).toEqual([['url-private', 'private']]);
    expect(found('https://8.8.8.8/')).toEqual([['url-ip', '8.8.8.8']]);
    expect(found('http://portal.local/')).toEqual([['url-local-name', '.local'], ['url-http']]);
  });
});

describe('normaliseUrl', () => {
  test.each([
    ['https://BoViDu.Example.COM', 'https://bovidu.example.com'],
    ['https://bovidu.example.com/', 'https://bovidu.example.com'],
    ['https://bovidu.example.com:443/', 'https://bovidu.example.com'],
    ['https://bovidu.example.com./#top', 'https://bovidu.example.com'],
    ['https://bovidu.example.com:8443/', 'https://bovidu.example.com:8443'],
    ['http://bovidu.example.com/', 'http://bovidu.example.com'],
    // Only the root path loses its slash: /tin-tuc and /tin-tuc/ may be different pages.
    ['https://bovidu.example.com/tin-tuc/', 'https://bovidu.example.com/tin-tuc/'],
    ['https://bovidu.example.com/Tin-Tuc?a=1#b', 'https://bovidu.example.com/Tin-Tuc?a=1'],
    ['not a url', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseUrl(raw)).toBe(expected);
  });
});
