import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSitesArgs, runExport, runImport } from '../../checks/cli/sites.ts';
import { planImport } from '../../checks/registry/import-sites.ts';
import { loadRegistry } from '../../checks/registry/load-registry.ts';
import { siteIdForUrl, uniqueSiteId } from '../../checks/registry/new-site.ts';
import { readSiteTable } from '../../checks/registry/site-table.ts';
import type { Site } from '../../checks/schemas/site.ts';
import { makeDataDir, MINIMAL_SITE, removeDataDir } from './fixtures/temp-data-dir.ts';

const CLI = path.join(import.meta.dirname, '../../checks/cli/sites.ts');
const BOM = '\ufeff';
const NFD = (s: string) => s.normalize('NFD');

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDataDir));
});

/** A data dir with the default groups (ministry, province, other) and `sites`. */
async function dataDir(sites: Record<string, string> = {}): Promise<string> {
  const dir = await makeDataDir(
    Object.fromEntries(Object.entries(sites).map(([id, text]) => [`sites/${id}.yml`, text])),
  );
  dirs.push(dir);
  return dir;
}

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function importCsv(dir: string, csv: string) {
  const file = path.join(dir, 'cong.csv');
  await writeFile(file, csv);
  const { output, out, err } = collect();
  const code = await runImport({ command: 'import', file, dataDir: dir, allowPrivate: false }, output);
  return { code, out, err };
}

async function sitesIn(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(path.join(dir, 'sites'))).sort();
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(path.join(dir, 'sites', name), 'utf8');
  return files;
}

describe('site ids from URLs', () => {
  it('is the host without www., then the path, as a slug; the same URL always the same id', () => {
    expect(siteIdForUrl('https://www.hanoi.gov.vn/')).toBe('hanoi-gov-vn');
    expect(siteIdForUrl('https://HANOI.gov.vn.')).toBe('hanoi-gov-vn');
    expect(siteIdForUrl('https://hanoi.gov.vn/so-y-te/')).toBe('hanoi-gov-vn-so-y-te');
    expect(siteIdForUrl('http://sotttt.danang.gov.vn:8080/Trang-Chủ.aspx')).toBe('sotttt-danang-gov-vn-8080-trang-chu');
    expect(siteIdForUrl('not a url')).toBeUndefined();
    expect(uniqueSiteId('hanoi-gov-vn', new Set(['hanoi-gov-vn', 'hanoi-gov-vn-2']))).toBe('hanoi-gov-vn-3');
  });
});

describe('readSiteTable', () => {
  it('reads what Excel writes: a BOM, semicolons, CRLF, quoted cells holding ; and line breaks', () => {
    const table = readSiteTable(
      `${BOM}Name;URL;Agency;Group\r\n"Sở Y tế; Hà Nội";https://soyte.hanoi.gov.vn/;"Sở Y tế\r\nHà Nội";province\r\n`,
    );
    expect(table.delimiter).toBe(';');
    expect(table.problems).toEqual([]);
    expect(table.rows).toEqual([
      {
        row: 2,
        cells: {
          name: 'Sở Y tế; Hà Nội',
          url: 'https://soyte.hanoi.gov.vn/',
          agency: 'Sở Y tế\r\nHà Nội',
          group: 'province',
        },
      },
    ]);
  });

  it('numbers rows as the spreadsheet does, empty rows skipped but counted', () => {
    const table = readSiteTable(
      'name,url,agency,group\n\nA,https://a.gov.vn/,X,other\n,,,\nB,https://b.gov.vn/,X,other\n',
    );
    expect(table.rows.map((r) => [r.row, r.cells.name])).toEqual([
      [3, 'A'],
      [5, 'B'],
    ]);
  });

  it('a header without a required column imports nothing; an unknown column is a warning', () => {
    const missing = readSiteTable('name,url,agency\nA,https://a.gov.vn/,X\n');
    expect(missing.unusable).toBe(true);
    expect(missing.problems).toEqual([
      {
        severity: 'error',
        row: 1,
        column: 'group',
        message: 'the header has no "group" column (required: name, url, agency, group)',
      },
    ]);
    const extra = readSiteTable('name,url,agency,group,email\nA,https://a.gov.vn/,X,other,a@b.vn\n');
    expect(extra.unusable).toBe(false);
    expect(extra.problems).toEqual([
      {
        severity: 'warning',
        row: 1,
        column: 'email',
        message:
          'unknown column "email": not imported (columns: name, url, agency, group, name_en, responders, tags, contacts)',
      },
    ]);
  });

  it('a row with more cells than the header, and an unclosed quote, are row problems', () => {
    const table = readSiteTable(
      'name,url,agency,group\nA,https://a.gov.vn/,Sở A, B,other\nB,https://b.gov.vn/,X,other\n"C,x\n',
    );
    expect(table.rows.map((r) => r.row)).toEqual([3]);
    expect(table.problems).toEqual([
      {
        severity: 'error',
        row: 2,
        message: 'has 5 cells but the header has 4: is a "," inside a cell without quotes?',
      },
      {
        severity: 'error',
        row: 4,
        message: 'a quote opened in this row is never closed: the rest of the file could not be read',
      },
    ]);
  });
});

/** data/sites/bo-vi-du.yml as the registry loads it, named `name`. */
function registered(name: string): Site {
  return {
    id: 'bo-vi-du',
    file: 'data/sites/bo-vi-du.yml',
    name,
    agency: 'Bộ Ví dụ',
    group: 'ministry',
    url: 'https://bovidu.example.com/',
    responders: [],
    contacts: [],
    tags: [],
    checks: { keywords: [], pages: [], ignore_selectors: [], visual: true },
    maintenance: [],
  };
}

describe('planImport', () => {
  const registry = { ids: new Set<string>(), sites: [], groups: ['ministry', 'province', 'other'] };
  const options = { source: 'cong.csv', sitesDir: 'data/sites', allowPrivate: false };

  it('rejects each bad row with its column and the registry’s own reason, and accepts the rest', () => {
    const { rows } = readSiteTable(
      [
        'name,url,agency,group,responders,tags',
        'Tốt,https://tot.gov.vn/,Sở Tốt,province,@nguoi-truc,cong-thong-tin',
        'Trùng,https://TOT.gov.vn,Sở Trùng,province,,',
        'FTP,ftp://x.gov.vn/,X,province,,',
        'Riêng,http://10.0.0.5/,X,province,,',
        'Mật khẩu,https://u:p@y.gov.vn/,X,province,,',
        'Nhóm,https://z.gov.vn/,X,tinh-cu,,',
        ',https://rong.gov.vn/,X,province,,',
        'Nhãn,https://nhan.gov.vn/,X,province,,Viết Hoa',
        'Trực,https://truc.gov.vn/,X,province,bad_handle!,',
      ].join('\n'),
    );
    const plan = planImport(rows, registry, options);
    expect(plan.rows.map((r) => [r.row, r.status, r.id])).toEqual([[2, 'new', 'tot-gov-vn']]);
    expect(plan.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.message])).toEqual([
      [3, 'url', 'the same site as row 2'],
      [4, 'url', 'must start with https:// or http://, not "ftp:"'],
      [5, 'url', 'points to a private or special address (private)'],
      [6, 'url', 'must not contain a user name or password'],
      [7, 'group', 'unknown group "tinh-cu" (known: ministry, other, province)'],
      [8, 'name', 'is empty (required)'],
      [9, 'tags', 'must be a lowercase tag such as "cong-thong-tin"'],
      [10, 'responders', 'must be a GitHub handle such as "nguyen-van-a" (no @)'],
    ]);
  });

  it('NFD names are written NFC, and an NFD row matching a registered NFC site is unchanged', () => {
    const nfc = 'Cổng thông tin điện tử Bộ Ví dụ';
    const { rows } = readSiteTable(
      `name,url,agency,group\n${NFD(nfc)},https://bovidu.example.com/,${NFD('Bộ Ví dụ')},ministry\n`,
    );
    const site = registered(nfc);
    const plan = planImport(rows, { ...registry, ids: new Set(['bo-vi-du']), sites: [site] }, options);
    expect(plan.rows).toEqual([{ row: 2, status: 'unchanged', id: 'bo-vi-du', file: 'data/sites/bo-vi-du.yml' }]);
    const fresh = planImport(rows, registry, options);
    expect(fresh.rows[0]).toMatchObject({ status: 'new', id: 'bovidu-example-com' });
    const content = (fresh.rows[0] as { content: string }).content;
    expect(content).toContain(`name: ${nfc}\n`);
    expect(content).toBe(content.normalize('NFC'));
  });

  it('a row for a registered URL with other fields is rejected, naming the file and the fields', () => {
    const { rows } = readSiteTable('name,url,agency,group\nTên mới,https://bovidu.example.com,Bộ Ví dụ,ministry\n');
    const site = registered('Tên cũ');
    const plan = planImport(rows, { ...registry, ids: new Set(['bo-vi-du']), sites: [site] }, options);
    expect(plan.rows).toEqual([]);
    expect(plan.problems).toEqual([
      {
        row: 2,
        severity: 'error',
        column: 'url',
        message: 'already registered in data/sites/bo-vi-du.yml, with another name: change that file instead',
      },
    ]);
  });

  it('ids stay unique against files that exist (valid or not) and earlier rows', () => {
    const { rows } = readSiteTable(
      'name,url,agency,group\nA,https://hanoi.gov.vn/,X,province\nB,https://www.hanoi.gov.vn/,X,province\n',
    );
    const plan = planImport(rows, { ...registry, ids: new Set(['hanoi-gov-vn']) }, options);
    expect(plan.rows.map((r) => r.id)).toEqual(['hanoi-gov-vn-2', 'hanoi-gov-vn-3']);
  });

  it('hostile cells stay values: a newline and "url:" in a name is one string in the file', () => {
    const { rows } = readSiteTable(
      'name,url,agency,group\n"Tên\nurl: https://evil.example/",https://a.gov.vn/,"X: y #z",other\n',
    );
    const plan = planImport(rows, registry, options);
    const content = (plan.rows[0] as { content: string }).content;
    expect(content).toContain('url: https://a.gov.vn/\n');
    expect(content.match(/^url:/gm)).toHaveLength(1);
  });
});

describe('npm run sites -- import', () => {
  const csv = [
    'name;url;agency;group;name_en;responders;tags',
    `${NFD('Cổng thông tin điện tử tỉnh Hòa Bình')};https://hoabinh.gov.vn/;UBND tỉnh Hòa Bình;province;Hoa Binh Portal;@truc-ban ung-cuu;cong-thong-tin tinh`,
    'Sở Tư pháp;https://sotuphap.hoabinh.gov.vn;Sở Tư pháp;province;;;',
    'Sai;http://localhost/;X;province;;;',
    'Lặp;https://hoabinh.gov.vn;Y;province;;;',
  ].join('\r\n');

  it('writes the accepted rows even when others fail, exits 1, and a second import changes nothing', async () => {
    const dir = await dataDir({ 'bo-vi-du': MINIMAL_SITE });
    const first = await importCsv(dir, `${BOM}${csv}\r\n`);
    expect(first.code).toBe(1);
    expect(first.out).toEqual([
      `row 2  hoabinh-gov-vn  new  ${dir}/sites/hoabinh-gov-vn.yml`,
      `row 3  sotuphap-hoabinh-gov-vn  new  ${dir}/sites/sotuphap-hoabinh-gov-vn.yml`,
      '4 rows: 2 written, 0 unchanged, 2 rejected',
    ]);
    expect(first.err).toEqual([
      `error  ${dir}/cong.csv: row 4, column url: points to a private or special host name (localhost)`,
      `warning  ${dir}/cong.csv: row 4, column url: uses http://; prefer https://`,
      `error  ${dir}/cong.csv: row 5, column url: the same site as row 2`,
    ]);
    const written = await sitesIn(dir);
    expect(written['hoabinh-gov-vn.yml']).toBe(
      [
        '# Nhập từ cong.csv, dòng 2 (npm run sites -- import).',
        '# Imported from cong.csv, row 2.',
        'name: Cổng thông tin điện tử tỉnh Hòa Bình',
        'name_en: Hoa Binh Portal',
        'agency: UBND tỉnh Hòa Bình',
        'group: province',
        'url: https://hoabinh.gov.vn/',
        'responders:',
        '  - truc-ban',
        '  - ung-cuu',
        'tags:',
        '  - cong-thong-tin',
        '  - tinh',
        '',
      ].join('\n'),
    );
    const registry = await loadRegistry(dir, { allowPrivate: false });
    expect(registry.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(registry.sites.map((s) => s.id)).toEqual(['bo-vi-du', 'hoabinh-gov-vn', 'sotuphap-hoabinh-gov-vn']);

    const mtime = (await stat(path.join(dir, 'sites/hoabinh-gov-vn.yml'))).mtimeMs;
    const second = await importCsv(dir, `${BOM}${csv}\r\n`);
    expect(second.out.at(-1)).toBe('4 rows: 0 written, 2 unchanged, 2 rejected');
    expect(await sitesIn(dir)).toEqual(written);
    expect((await stat(path.join(dir, 'sites/hoabinh-gov-vn.yml'))).mtimeMs).toBe(mtime);
  });

  it('a row the table cannot read counts as a rejected row; the rows before it are written', async () => {
    const dir = await dataDir();
    const result = await importCsv(
      dir,
      'name,url,agency,group\nA,https://a.gov.vn/,Sở A,other\n"B,https://b.gov.vn/,X,other\n',
    );
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      `error  ${dir}/cong.csv: row 3: a quote opened in this row is never closed: the rest of the file could not be read`,
    ]);
    expect(result.out.at(-1)).toBe('2 rows: 1 written, 0 unchanged, 1 rejected');
  });

  it('a file without the required columns imports nothing and exits 2', async () => {
    const dir = await dataDir();
    const result = await importCsv(dir, 'ten,dia-chi\nA,https://a.gov.vn/\n');
    expect(result.code).toBe(2);
    expect(result.err.at(-1)).toBe(`sites import: ${dir}/cong.csv: nothing imported`);
  });

  it('the real entry point: exit 0 when every row is accepted', async () => {
    const dir = await dataDir();
    await writeFile(path.join(dir, 'ok.csv'), 'name,url,agency,group\nA,https://a.gov.vn/,Sở A,other\n');
    const run = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'import', path.join(dir, 'ok.csv'), '--data', dir]);
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.on('close', (code) => resolve({ code, stdout }));
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 row: 1 written, 0 unchanged, 0 rejected');
  });
});

describe('npm run sites -- export', () => {
  it('writes the registry in the import format (BOM, public fields), and importing it elsewhere gives the same sites', async () => {
    const source = await dataDir({
      'bo-vi-du': `${MINIMAL_SITE}name_en: Ministry of Examples\nresponders: [truc-ban]\ntags: [cong-thong-tin]\ncontacts:\n  - name: Nguyễn Văn An\n    email: an@bovidu.example.com\n`,
      'tinh-mau':
        'name: Cổng tỉnh Mẫu, "Mẫu"\nagency: UBND tỉnh Mẫu\ngroup: province\nurl: https://tinhmau.example.org/\n',
    });
    const file = path.join(source, 'out.csv');
    const { output, err } = collect();
    expect(
      await runExport({ command: 'export', file, dataDir: source, withContacts: false, delimiter: ',' }, output),
    ).toBe(0);
    expect(err).toEqual([`sites export: 2 sites written to ${file}`]);
    const text = await readFile(file, 'utf8');
    expect(text).toBe(
      `${BOM}name,url,agency,group,name_en,responders,tags\r\n` +
        'Cổng thông tin điện tử Bộ Ví dụ,https://bovidu.example.com/,Bộ Ví dụ,ministry,Ministry of Examples,truc-ban,cong-thong-tin\r\n' +
        '"Cổng tỉnh Mẫu, ""Mẫu""",https://tinhmau.example.org/,UBND tỉnh Mẫu,province,,,\r\n',
    );

    const target = await dataDir();
    const imported = await importCsv(target, text);
    expect(imported.code).toBe(0);
    const before = (await loadRegistry(source, { allowPrivate: false })).sites;
    const after = (await loadRegistry(target, { allowPrivate: false })).sites;
    const publicFields = ({ name, name_en, agency, group, url, responders, tags }: (typeof before)[number]) => ({
      name,
      name_en,
      agency,
      group,
      url,
      responders,
      tags,
    });
    expect(after.map(publicFields)).toEqual(before.map(publicFields));
  });

  it('--with-contacts adds the contacts column, which import reads back', async () => {
    const source = await dataDir({
      'bo-vi-du': `${MINIMAL_SITE}contacts:\n  - name: Nguyễn Văn An\n    role: Trực ban\n    email: an@bovidu.example.com\n  - name: Lê Thị Bình\n    phone: "+84 24 0000 0001"\n`,
    });
    const file = path.join(source, 'out.csv');
    await runExport({ command: 'export', file, dataDir: source, withContacts: true, delimiter: ';' }, collect().output);
    const text = await readFile(file, 'utf8');
    expect(text.split('\r\n')[0]).toBe(`${BOM}name;url;agency;group;name_en;responders;tags;contacts`);
    expect(text).toContain(
      '"Nguyễn Văn An | Trực ban | an@bovidu.example.com | \nLê Thị Bình |  |  | +84 24 0000 0001"',
    );
    const target = await dataDir();
    expect((await importCsv(target, text)).code).toBe(0);
    const [site] = (await loadRegistry(target, { allowPrivate: false })).sites;
    expect(site!.contacts).toEqual([
      { name: 'Nguyễn Văn An', role: 'Trực ban', email: 'an@bovidu.example.com' },
      { name: 'Lê Thị Bình', phone: '+84 24 0000 0001' },
    ]);
  });
});

describe('parseSitesArgs', () => {
  it('reads both commands and refuses what does not belong', () => {
    expect(parseSitesArgs(['import', 'a.csv'], {})).toEqual({
      ok: true,
      args: { command: 'import', file: 'a.csv', dataDir: 'data', allowPrivate: false },
    });
    expect(parseSitesArgs(['export', '--semicolon', '--data', 'd'], {})).toEqual({
      ok: true,
      args: { command: 'export', file: null, dataDir: 'd', withContacts: false, delimiter: ';' },
    });
    expect(parseSitesArgs(['import'], {})).toEqual({ ok: false, message: 'import needs the CSV file to read' });
    expect(parseSitesArgs(['merge', 'a.csv'], {})).toEqual({
      ok: false,
      message: 'unknown command "merge": import or export',
    });
  });
});
