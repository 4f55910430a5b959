import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeRegistration } from '../../checks/registry/describe-registration.ts';
import { loadRegistrationRegistry } from '../../checks/registry/load-registration-registry.ts';
import { parseIssueForm } from '../../checks/registry/parse-issue-form.ts';
import { REGISTER_FORM_FIELDS, type RegisterFieldId } from '../../checks/registry/register-form.ts';
import { rejectedComment } from '../../checks/registry/render-registration.ts';
import { validateRegistration, type RegistrationRegistry } from '../../checks/registry/validate-registration.ts';
import { EXISTING_SITE, formBody, GOOD_FORM, goodSiteFile, tempRegistry } from './register-fixtures.ts';

const EMPTY: RegistrationRegistry = { groups: ['ministry', 'other', 'province'], ids: new Set(), urls: new Map() };
const check = (values: Partial<Record<RegisterFieldId, string>>, registry = EMPTY) =>
  validateRegistration(parseIssueForm(formBody(values), REGISTER_FORM_FIELDS), registry, {
    issue: 7,
    allowPrivate: false,
  });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

describe('validateRegistration', () => {
  it('renders the site file, its id from the URL', () => {
    const result = check(GOOD_FORM);
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([]);
    expect(result.site).toEqual({
      id: 'tinhmau-example-org',
      path: 'data/sites/tinhmau-example-org.yml',
      url: 'https://www.tinhmau.example.org/',
      content: goodSiteFile(7),
    });
  });

  it('stores NFD input as NFC', () => {
    const result = check({
      ...GOOD_FORM,
      name: GOOD_FORM.name.normalize('NFD'),
      agency: GOOD_FORM.agency.normalize('NFD'),
    });
    const file = parse(result.site!.content) as Record<string, unknown>;
    expect(file.name).toBe(GOOD_FORM.name);
    expect(file.agency).toBe(GOOD_FORM.agency);
  });

  it('keeps hostile text inert in the YAML: one string per field, the URL untouched', () => {
    const name = 'Sở Y tế\nurl: https://evil.example\ngroup: other\n@everyone <b>x</b> `a` $(rm -rf /)';
    const result = check({ ...GOOD_FORM, name, agency: '"; rm -rf / #\n- x: y' });
    expect(result.errors).toEqual([]);
    const file = parse(result.site!.content) as Record<string, unknown>;
    expect(file).toEqual({
      name: 'Sở Y tế url: https://evil.example group: other @everyone <b>x</b> `a` $(rm -rf /)',
      name_en: 'Mau Province Portal',
      agency: '"; rm -rf / # - x: y',
      group: 'province',
      url: 'https://www.tinhmau.example.org/',
      responders: ['nguyen-van-a', 'tran-thi-b'],
      tags: ['cong-thong-tin'],
    });
  });

  it.each<[string, Partial<Record<RegisterFieldId, string>>, object[]]>([
    [
      'missing required fields',
      { name_en: 'x' },
      [
        { field: 'name', code: 'missing', values: [] },
        { field: 'url', code: 'missing', values: [] },
        { field: 'agency', code: 'missing', values: [] },
        { field: 'group', code: 'missing', values: [] },
      ],
    ],
    [
      'a URL without a scheme',
      { ...GOOD_FORM, url: 'www.tinhmau.gov.vn' },
      [{ field: 'url', code: 'url-invalid', values: ['www.tinhmau.gov.vn'] }],
    ],
    [
      'an ftp URL',
      { ...GOOD_FORM, url: 'ftp://a.example.org/' },
      [{ field: 'url', code: 'url-scheme', values: ['ftp:'] }],
    ],
    [
      'credentials',
      { ...GOOD_FORM, url: 'https://u:p@a.example.org/' },
      [{ field: 'url', code: 'url-credentials', values: [] }],
    ],
    [
      'a private address',
      { ...GOOD_FORM, url: 'http://169.254.169.254/latest' },
      [{ field: 'url', code: 'url-private', values: ['linkLocal'] }],
    ],
    [
      'an IP address',
      { ...GOOD_FORM, url: 'https://8.8.8.8/' },
      [{ field: 'url', code: 'url-ip', values: ['8.8.8.8'] }],
    ],
    [
      'a port',
      { ...GOOD_FORM, url: 'https://a.example.org:8443/' },
      [{ field: 'url', code: 'url-port', values: ['8443'] }],
    ],
    [
      'a local name',
      { ...GOOD_FORM, url: 'https://intranet.local/' },
      [{ field: 'url', code: 'url-local-name', values: ['.local'] }],
    ],
    [
      'an unknown group',
      { ...GOOD_FORM, group: 'Tỉnh' },
      [{ field: 'group', code: 'group-unknown', values: ['Tỉnh', 'ministry', 'other', 'province'] }],
    ],
    [
      'bad handles',
      { ...GOOD_FORM, responders: '@everyone nguyen_van_a, -bad ok-one' },
      [{ field: 'responders', code: 'handle-invalid', values: ['nguyen_van_a', '-bad'] }],
    ],
    [
      'bad tags',
      { ...GOOD_FORM, tags: 'cong-thong-tin, Cổng, a_b' },
      [{ field: 'tags', code: 'tag-invalid', values: ['cổng', 'a_b'] }],
    ],
    [
      'a name too long',
      { ...GOOD_FORM, name: 'x'.repeat(301) },
      [{ field: 'name', code: 'too-long', values: ['300'] }],
    ],
    [
      'too many tags',
      { ...GOOD_FORM, tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(' ') },
      [{ field: 'tags', code: 'too-many', values: ['20'] }],
    ],
  ])('names the field: %s', (_name, values, errors) => {
    const result = check(values);
    expect(result.errors).toEqual(errors);
    expect(result.site).toBeUndefined();
  });

  it('accepts @everyone as a handle only if GitHub would (it would: a user of that name)', () => {
    expect(check({ ...GOOD_FORM, responders: '@everyone' }).site?.content).toContain('  - everyone\n');
  });

  it('notes http:// and a fragment without refusing them', () => {
    const result = check({ ...GOOD_FORM, url: 'http://tinhmau.example.org/#top' });
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([
      { field: 'url', code: 'url-http', values: [] },
      { field: 'url', code: 'url-fragment', values: ['#top'] },
    ]);
  });

  it('reports a body that is not the form', () => {
    expect(
      validateRegistration(parseIssueForm('hello', REGISTER_FORM_FIELDS), EMPTY, { issue: 1, allowPrivate: false })
        .errors,
    ).toEqual([{ field: null, code: 'no-form', values: [] }]);
  });

  it('refuses a URL the registry already lists, and gives a taken id a suffix', async () => {
    const registry = await tempRegistry({
      'bo-a': EXISTING_SITE,
      'tinhmau-example-org': EXISTING_SITE.replace('bo-a.', 'other.'),
    });
    cleanups.push(registry.remove);
    const loaded = await loadRegistrationRegistry(registry.dir);
    expect(loaded.groups).toEqual(['ministry', 'province', 'other']);
    expect([...loaded.ids].sort()).toEqual(['bo-a', 'tinhmau-example-org']);
    expect(check({ ...GOOD_FORM, url: 'HTTPS://Bo-A.example.org' }, loaded).errors).toEqual([
      { field: 'url', code: 'url-duplicate', values: ['data/sites/bo-a.yml'] },
    ]);
    expect(check(GOOD_FORM, loaded).site?.id).toBe('tinhmau-example-org-2');
  });
});

describe('the error comment', () => {
  it('words every error in both languages under its field label, hostile values quoted as code', () => {
    const result = check({
      ...GOOD_FORM,
      url: 'javascript:alert(1)',
      group: '@everyone <img src=x onerror=alert(1)>',
      responders: '$(rm -rf /) `x`',
    });
    expect(rejectedComment(result.errors, result.notes, { outcome: 'not-run' })).toBe(
      [
        '**Chưa thể đăng ký trang này / This site cannot be registered yet.**',
        '',
        'Hãy sửa các mục dưới đây bằng cách chỉnh sửa issue (Edit); Canh Gác sẽ kiểm tra lại ngay.',
        '_Edit the issue to fix the fields below; Canh Gác checks it again right away._',
        '',
        '- **Địa chỉ / URL**: phải bắt đầu bằng `https://` hoặc `http://`, không phải `javascript:`.',
        '  _must start with `https://` or `http://`, not `javascript:`._',
        '- **Nhóm / Group**: không có nhóm `@everyone <img src=x onerror=alert(1)>`; các nhóm: `ministry`, `other`, `province`.',
        '  _there is no group `@everyone <img src=x onerror=alert(1)>`; the groups are: `ministry`, `other`, `province`._',
        '- **Người ứng cứu / Responders**: không phải tên người dùng GitHub: `$(rm`, `-rf`, `/)`, `` `x` ``.',
        '  _not GitHub user names: `$(rm`, `-rf`, `/)`, `` `x` ``._',
        '',
      ].join('\n'),
    );
  });

  it('has words for every code', () => {
    for (const code of ['no-form', 'url-blocked', 'site-file', 'url-duplicate'] as const) {
      const { vi, en } = describeRegistration({ field: 'url', code, values: ['<b>@x</b>'] });
      expect(vi.length).toBeGreaterThan(10);
      expect(en.length).toBeGreaterThan(10);
    }
  });
});
