import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REGISTER_FORM_FIELDS, type RegisterFieldId } from '../../checks/registry/register-form.ts';

/** The body GitHub renders from the issue form: `### label`, blank line, value or `_No response_`. */
export function formBody(values: Partial<Record<RegisterFieldId, string>>): string {
  return REGISTER_FORM_FIELDS.map(({ id, label }) => `### ${label}\n\n${values[id] ?? '_No response_'}`).join('\n\n');
}

export const GOOD_FORM = {
  name: 'Cổng thông tin điện tử tỉnh Mẫu',
  name_en: 'Mau Province Portal',
  url: 'https://www.tinhmau.example.org/',
  agency: 'Ủy ban nhân dân tỉnh Mẫu',
  group: 'province',
  responders: '@nguyen-van-a, tran-thi-b',
  tags: 'cong-thong-tin',
} as const;

/** The site file GOOD_FORM makes, filed by issue `issue`, with the name and URL given (exact, as a test expects it). */
export function goodSiteFile(issue: number, name: string = GOOD_FORM.name, url: string = GOOD_FORM.url): string {
  return [
    `# Đăng ký qua biểu mẫu, issue #${issue}.`,
    `# Registered through the issue form, issue #${issue}.`,
    `name: ${name}`,
    'name_en: Mau Province Portal',
    'agency: Ủy ban nhân dân tỉnh Mẫu',
    'group: province',
    `url: ${url}`,
    'responders:',
    '  - nguyen-van-a',
    '  - tran-thi-b',
    'tags:',
    '  - cong-thong-tin',
    '',
  ].join('\n');
}

export const CONFIG = `organisation:
  name: Trung tâm Giám sát
groups:
  ministry:
    name: Bộ
  province:
    name: Tỉnh
  other:
    name: Khác
`;

/** A data directory with config.yml and the given site files (id → YAML); removed by the returned function. */
export async function tempRegistry(
  sites: Readonly<Record<string, string>> = {},
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'canhgac-register-'));
  await mkdir(path.join(dir, 'sites'));
  await writeFile(path.join(dir, 'config.yml'), CONFIG);
  for (const [id, text] of Object.entries(sites)) await writeFile(path.join(dir, 'sites', `${id}.yml`), text);
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const EXISTING_SITE = `name: Cổng Bộ A
agency: Bộ A
group: ministry
url: https://bo-a.example.org/
`;
