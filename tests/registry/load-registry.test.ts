import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { DEFAULT_GROUPS } from '../../checks/schemas/config.ts';
import { formatProblem } from '../../checks/registry/format-problems.ts';
import { loadRegistry, type RegistryResult } from '../../checks/registry/load-registry.ts';
import { makeDataDir, MINIMAL_SITE, removeDataDir, siteWith } from './fixtures/temp-data-dir.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDataDir));
});

async function load(
  files: Record<string, string>,
  allowPrivate = false,
): Promise<{ lines: string[]; result: RegistryResult }> {
  const dir = await makeDataDir(files);
  dirs.push(dir);
  const result = await loadRegistry(dir, { allowPrivate });
  // Paths relative to the temp dir, so expected lines read like the ones `npm run validate` prints.
  const lines = result.problems.map((p) => formatProblem(p).replaceAll(`${dir}${path.sep}`, ''));
  return { lines, result };
}

interface Case {
  readonly name: string;
  readonly files: Record<string, string>;
  readonly allowPrivate?: boolean;
  readonly expected: readonly string[];
  /** Ids of the sites that made it into the registry. */
  readonly sites: readonly string[];
}

const url = (value: string) => ({ 'sites/a.yml': siteWith('url', `url: ${value}`) });

const cases: readonly Case[] = [
  // YAML itself
  {
    name: 'bad YAML syntax: unterminated quote',
    files: { 'sites/a.yml': 'name: "Cổng thông tin\nagency: Bộ Ví dụ\n' },
    expected: ['sites/a.yml:3:1 error Missing closing "quote'],
    sites: [],
  },
  {
    name: 'bad YAML syntax: tab indentation',
    files: { 'sites/a.yml': `${MINIMAL_SITE}tags:\n\t- cong-thong-tin\n` },
    expected: ['sites/a.yml:6:1 error tabs are not allowed for indentation; use spaces'],
    sites: [],
  },
  {
    name: 'duplicate key in a mapping',
    files: { 'sites/a.yml': `${MINIMAL_SITE}url: https://khac.example.com/\n` },
    expected: ['sites/a.yml:5:1 error duplicate key "url"'],
    sites: [],
  },
  {
    name: 'two YAML documents in one file',
    files: { 'sites/a.yml': `${MINIMAL_SITE}---\n${MINIMAL_SITE}` },
    expected: ['sites/a.yml:5:1 error the file holds more than one YAML document; remove the "---" line'],
    sites: [],
  },
  {
    name: 'alias without anchor',
    files: { 'sites/a.yml': `${MINIMAL_SITE}tags: *the-tags\n` },
    expected: ['sites/a.yml:5:7 error alias "*the-tags" has no anchor "&the-tags" before it'],
    sites: [],
  },
  {
    name: 'empty file',
    files: { 'sites/a.yml': '# chưa điền\n' },
    expected: ['sites/a.yml error the file is empty; expected a mapping of fields such as "name: …"'],
    sites: [],
  },
  {
    name: 'a list instead of a mapping',
    files: { 'sites/a.yml': '- name: Bộ Ví dụ\n' },
    expected: ['sites/a.yml:1:1 error expected a mapping, got a list'],
    sites: [],
  },
  // Schema
  {
    name: 'unknown key with a suggestion',
    files: { 'sites/a.yml': siteWith('url', 'urll: https://bovidu.example.com/') },
    expected: [
      'sites/a.yml:1:1 error url: missing required field "url"',
      'sites/a.yml:4:1 error urll: unknown key "urll" (did you mean "url"?)',
    ],
    sites: [],
  },
  {
    name: 'unknown key without a close match',
    files: { 'sites/a.yml': `${MINIMAL_SITE}colour: red\n` },
    expected: ['sites/a.yml:5:1 error colour: unknown key "colour"'],
    sites: [],
  },
  {
    name: 'unknown nested key with a suggestion',
    files: { 'sites/a.yml': `${MINIMAL_SITE}checks:\n  keyword: [Bộ Ví dụ]\n` },
    expected: ['sites/a.yml:6:3 error checks.keyword: unknown key "keyword" (did you mean "keywords"?)'],
    sites: [],
  },
  {
    name: 'wrong type',
    files: { 'sites/a.yml': siteWith('name', 'name: 42') },
    expected: ['sites/a.yml:1:7 error name: expected a string, got a number'],
    sites: [],
  },
  {
    name: 'wrong type: empty value',
    files: { 'sites/a.yml': siteWith('name', 'name:') },
    expected: ['sites/a.yml:1:6 error name: expected a string, got an empty value'],
    sites: [],
  },
  {
    name: 'blank text',
    files: { 'sites/a.yml': siteWith('name', 'name: "   "') },
    expected: ['sites/a.yml:1:7 error name: must not be empty'],
    sites: [],
  },
  {
    name: 'missing required field',
    files: { 'sites/a.yml': siteWith('agency', null) },
    expected: ['sites/a.yml:1:1 error agency: missing required field "agency"'],
    sites: [],
  },
  {
    name: 'missing required field in a list item; phone written as a number',
    files: {
      'sites/a.yml': `${MINIMAL_SITE}contacts:\n  - name: Nguyễn Văn An\n    phone: 0241234567\n  - role: Trực ban\n`,
    },
    expected: [
      'sites/a.yml:7:12 error contacts.0.phone: expected a string, got a number',
      'sites/a.yml:8:5 error contacts.1.name: missing required field "name"',
    ],
    sites: [],
  },
  {
    name: 'status that is neither a number nor a list',
    files: { 'sites/a.yml': `${MINIMAL_SITE}checks:\n  expected_status: ok\n` },
    expected: ['sites/a.yml:6:20 error checks.expected_status: expected a number or a list, got a string'],
    sites: [],
  },
  {
    name: 'status list with bad items',
    files: { 'sites/a.yml': `${MINIMAL_SITE}checks:\n  expected_status: [200, 700, "x"]\n` },
    expected: [
      'sites/a.yml:6:26 error checks.expected_status.1: must be at most 599',
      'sites/a.yml:6:31 error checks.expected_status.2: expected a number, got a string',
    ],
    sites: [],
  },
  {
    name: 'page path without a leading slash',
    files: { 'sites/a.yml': `${MINIMAL_SITE}checks:\n  pages:\n    - tin-tuc\n` },
    expected: ['sites/a.yml:7:7 error checks.pages.0: must be a path starting with "/"'],
    sites: [],
  },
  {
    name: 'bad responder handle',
    files: { 'sites/a.yml': `${MINIMAL_SITE}responders:\n  - nguyen-van-a\n  - "@abc"\n` },
    expected: ['sites/a.yml:7:5 error responders.1: must be a GitHub handle such as "nguyen-van-a" (no @)'],
    sites: [],
  },
  {
    name: 'maintenance end before start',
    files: {
      'sites/a.yml': `${MINIMAL_SITE}maintenance:\n  - start: 2026-12-05T22:00:00+07:00\n    end: 2026-12-05T21:00:00+07:00\n`,
    },
    expected: ['sites/a.yml:7:10 error maintenance.0.end: end must be after start'],
    sites: [],
  },
  {
    name: 'maintenance start that is no date: no "end must be after start" on top',
    files: { 'sites/a.yml': `${MINIMAL_SITE}maintenance:\n  - start: tối mai\n    end: 2026-12-05T21:00:00+07:00\n` },
    expected: [
      'sites/a.yml:6:12 error maintenance.0.start: must be a date and time with a UTC offset, such as "2025-06-01T22:00:00+07:00"',
    ],
    sites: [],
  },
  {
    name: 'unknown group',
    files: { 'sites/a.yml': siteWith('group', 'group: tinh') },
    expected: ['sites/a.yml:3:8 error group: unknown group "tinh" (known: ministry, other, province)'],
    sites: [],
  },
  {
    name: 'unknown YAML tag is a warning',
    files: { 'sites/a.yml': `${MINIMAL_SITE}tags: !nhan [cong-thong-tin]\n` },
    expected: ['sites/a.yml:5:7 warning Unresolved tag: !nhan'],
    sites: ['a'],
  },
  // File names
  {
    name: 'bad id',
    files: { 'sites/Bo_Cong_An.yml': MINIMAL_SITE },
    expected: [
      'sites/Bo_Cong_An.yml error id: file name "Bo_Cong_An" is not a valid site id: use lowercase letters, digits and hyphens; rename the file to "bo-cong-an.yml"',
    ],
    sites: [],
  },
  {
    name: 'bad id with Vietnamese letters and spaces',
    files: { 'sites/Bộ Công An.yml': MINIMAL_SITE },
    expected: [
      'sites/Bộ Công An.yml error id: file name "Bộ Công An" is not a valid site id: use lowercase letters, digits and hyphens; rename the file to "bo-cong-an.yml"',
    ],
    sites: [],
  },
  {
    name: 'duplicate id: .yml and .yaml of one name',
    files: { 'sites/a.yml': MINIMAL_SITE, 'sites/a.yaml': siteWith('url', 'url: https://khac.example.com/') },
    expected: ['sites/a.yml error id: duplicate site id "a": also defined by sites/a.yaml'],
    sites: ['a'],
  },
  {
    name: 'duplicate URL after normalising case, default port, "/" and fragment',
    files: { 'sites/a.yml': MINIMAL_SITE, 'sites/b.yml': siteWith('url', 'url: HTTPS://BoViDu.Example.COM:443#top') },
    expected: [
      'sites/b.yml:4:6 warning url: the fragment "#top" is ignored',
      'sites/b.yml:4:6 error url: duplicate URL: already listed in sites/a.yml',
    ],
    sites: ['a'],
  },
  {
    name: 'different paths on one host are different sites',
    files: {
      'sites/a.yml': MINIMAL_SITE,
      'sites/b.yml': siteWith('url', 'url: https://bovidu.example.com/dich-vu-cong'),
    },
    expected: [],
    sites: ['a', 'b'],
  },
  {
    name: 'a file that is not .yml',
    files: { 'sites/README.md': '# Danh sách trang\n', 'sites/.gitkeep': '', 'sites/a.yml': MINIMAL_SITE },
    expected: ['sites/README.md warning ignored: not a .yml file'],
    sites: ['a'],
  },
  {
    name: 'no sites directory',
    files: { 'config.yml': 'organisation:\n  name: Trung tâm Giám sát\n' },
    expected: ['sites warning no sites directory: there is nothing to monitor'],
    sites: [],
  },
  // URL policy
  {
    name: 'invalid URL',
    files: url('bovidu.example.com'),
    expected: [
      'sites/a.yml:4:6 error url: "bovidu.example.com" is not a valid absolute URL such as "https://www.example.org/"',
    ],
    sites: [],
  },
  {
    name: 'scheme other than http(s)',
    files: url('ftp://bovidu.example.com/'),
    expected: ['sites/a.yml:4:6 error url: must start with https:// or http://, not "ftp:"'],
    sites: [],
  },
  {
    name: 'credentials in URL',
    files: url('https://admin:secret@bovidu.example.com/'),
    expected: ['sites/a.yml:4:6 error url: must not contain a user name or password'],
    sites: [],
  },
  {
    name: 'non-default port',
    files: url('https://bovidu.example.com:8443/'),
    expected: ['sites/a.yml:4:6 error url: must not use a non-default port (8443)'],
    sites: [],
  },
  {
    name: 'public IP literal',
    files: url('https://8.8.8.8/'),
    expected: ['sites/a.yml:4:6 error url: must use a host name, not an IP address (8.8.8.8)'],
    sites: [],
  },
  {
    name: 'IP literal in decimal spelling (WHATWG URL reads 2130706433 as 127.0.0.1)',
    files: url('https://2130706433/'),
    expected: ['sites/a.yml:4:6 error url: points to a private or special address (loopback)'],
    sites: [],
  },
  {
    name: 'private IP literal',
    files: url('https://10.1.2.3/'),
    expected: ['sites/a.yml:4:6 error url: points to a private or special address (private)'],
    sites: [],
  },
  {
    name: 'private host name',
    files: url('https://cms.internal/'),
    expected: ['sites/a.yml:4:6 error url: points to a private or special host name (.internal)'],
    sites: [],
  },
  {
    name: 'localhost',
    files: url('https://localhost/'),
    expected: ['sites/a.yml:4:6 error url: points to a private or special host name (localhost)'],
    sites: [],
  },
  {
    name: 'http:// is a warning and the site is kept',
    files: url('http://bovidu.example.com/'),
    expected: ['sites/a.yml:4:6 warning url: uses http://; prefer https://'],
    sites: ['a'],
  },
  {
    name: 'allowPrivate accepts loopback and a port; http:// still warns',
    files: url('http://127.0.0.1:8080/'),
    allowPrivate: true,
    expected: ['sites/a.yml:4:6 warning url: uses http://; prefer https://'],
    sites: ['a'],
  },
  // config.yml
  {
    name: 'invalid config.yml: errors, and the defaults are used so sites are still checked',
    files: {
      'config.yml':
        'organisation:\n  nam: Trung tâm\ngit:\n  squash_runs: month\ngroups:\n  Tinh: { name: Tỉnh }\nprobe:\n  concurrency: 1.5\n  dns_timeout_ms: 0\n',
      'sites/a.yml': MINIMAL_SITE,
    },
    expected: [
      'config.yml:2:3 error organisation.name: missing required field "name"',
      'config.yml:2:3 error organisation.nam: unknown key "nam" (did you mean "name"?)',
      'config.yml:4:16 error git.squash_runs: must be one of "day", "week", "none"',
      'config.yml:6:3 error groups.Tinh: invalid key "Tinh": must match the pattern /^[a-z0-9-]+$/',
      'config.yml:8:16 error probe.concurrency: must be a whole number, not 1.5',
      'config.yml:9:19 error probe.dns_timeout_ms: must be greater than 0',
    ],
    sites: ['a'],
  },
  {
    name: 'config.yml: a top-level refinement survives other top-level problems',
    files: { 'config.yml': 'organisation:\n  name: Trung tâm\ntime_zone: Asia/Hanoi\nreport:\n  email: không-có\n' },
    expected: [
      'config.yml:3:12 error time_zone: must be an IANA time zone such as "Asia/Ho_Chi_Minh"',
      'config.yml:5:10 error report.email: must be an email address such as "name@example.org"',
      'sites warning no sites directory: there is nothing to monitor',
    ],
    sites: [],
  },
  {
    name: 'groups come from config.yml',
    files: {
      'config.yml': 'organisation:\n  name: Trung tâm\ngroups:\n  tinh:\n    name: Tỉnh\n',
      'sites/a.yml': MINIMAL_SITE,
      'sites/b.yml': siteWith('group', 'group: tinh').replace('bovidu', 'tinhvidu'),
    },
    expected: ['sites/a.yml:3:8 error group: unknown group "ministry" (known: tinh)'],
    sites: ['b'],
  },
];

describe('loadRegistry: each bad input on its own', () => {
  test.each(cases)('$name', async ({ files, allowPrivate, expected, sites }) => {
    const { lines, result } = await load(files, allowPrivate);
    expect(lines).toEqual(expected);
    expect(result.sites.map((s) => s.id)).toEqual(sites);
  });
});

describe('loadRegistry: valid data', () => {
  test('a full example file loads, with defaults for what it leaves out', async () => {
    const { lines, result } = await load({
      'sites/bo-vi-du.yml': [
        '# Ví dụ đầy đủ',
        'name: Cổng thông tin điện tử Bộ Ví dụ',
        'name_en: Ministry of Examples Portal',
        'agency: Bộ Ví dụ',
        'group: ministry',
        'url: https://bovidu.example.com/',
        'responders: [nguyen-van-a]',
        'contacts:',
        '  - name: Nguyễn Văn An',
        '    role: Trung tâm Thông tin',
        '    email: ttt@bovidu.example.com',
        '    phone: "+84 24 0000 0001"',
        'tags: [cong-thong-tin]',
        'checks:',
        '  keywords: [Bộ Ví dụ]',
        '',
      ].join('\n'),
    });
    expect(lines).toEqual([]);
    expect(result.configFile).toBeNull();
    expect(result.config.groups).toEqual(DEFAULT_GROUPS);
    expect(result.config.organisation.name).toBe('Canh Gác');
    expect(result.files).toHaveLength(1);
    expect(result.sites).toEqual([
      {
        id: 'bo-vi-du',
        file: result.files[0],
        name: 'Cổng thông tin điện tử Bộ Ví dụ',
        name_en: 'Ministry of Examples Portal',
        agency: 'Bộ Ví dụ',
        group: 'ministry',
        url: 'https://bovidu.example.com/',
        responders: ['nguyen-van-a'],
        contacts: [
          {
            name: 'Nguyễn Văn An',
            role: 'Trung tâm Thông tin',
            email: 'ttt@bovidu.example.com',
            phone: '+84 24 0000 0001',
          },
        ],
        tags: ['cong-thong-tin'],
        checks: { keywords: ['Bộ Ví dụ'], pages: [], ignore_selectors: [], visual: true },
        maintenance: [],
      },
    ]);
  });

  test('a minimal file gets every default', async () => {
    const { result } = await load({ 'sites/a.yml': MINIMAL_SITE });
    expect(result.sites[0]).toMatchObject({
      responders: [],
      contacts: [],
      tags: [],
      checks: { keywords: [], pages: [], ignore_selectors: [], visual: true },
      maintenance: [],
    });
  });

  test('Vietnamese text typed in NFD comes out NFC', async () => {
    const nfd = 'Cổng thông tin điện tử tỉnh Hoà Bình'.normalize('NFD');
    const { lines, result } = await load({ 'sites/a.yml': siteWith('name', `name: ${nfd}`) });
    expect(lines).toEqual([]);
    expect(nfd).not.toBe(nfd.normalize('NFC'));
    expect(result.sites[0]?.name).toBe('Cổng thông tin điện tử tỉnh Hoà Bình'.normalize('NFC'));
  });

  test('a byte order mark does not shift columns', async () => {
    const { lines } = await load({ 'sites/a.yml': `\uFEFF${siteWith('name', 'name: 42')}` });
    expect(lines).toEqual(['sites/a.yml:1:7 error name: expected a string, got a number']);
  });

  test('sites come in file name order and config.yml is read', async () => {
    const { result } = await load({
      'config.yml': 'organisation:\n  name: Trung tâm Giám sát an toàn thông tin\n',
      'sites/c.yml': siteWith('url', 'url: https://c.example.com/'),
      'sites/a.yaml': siteWith('url', 'url: https://a.example.com/'),
      'sites/b.yml': siteWith('url', 'url: https://b.example.com/'),
    });
    expect(result.problems).toEqual([]);
    expect(result.sites.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(result.configFile).toMatch(/config\.yml$/);
    expect(result.config.organisation.name).toBe('Trung tâm Giám sát an toàn thông tin');
    expect(result.files).toHaveLength(4);
  });

  test('a missing data directory is one error', async () => {
    const result = await loadRegistry(path.join(import.meta.dirname, 'no-such-dir'), { allowPrivate: false });
    expect(result.problems.map((p) => p.message)).toEqual(['data directory not found']);
    expect(result.sites).toEqual([]);
  });

  test("the repository's own data/ is valid", async () => {
    const result = await loadRegistry(path.join(import.meta.dirname, '../../data'), { allowPrivate: false });
    expect(result.problems).toEqual([]);
    expect(result.sites.length).toBeGreaterThanOrEqual(3);
  });
});
