import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseIssueForm } from '../../checks/registry/parse-issue-form.ts';
import { REGISTER_FORM_FIELDS, REGISTER_LABEL } from '../../checks/registry/register-form.ts';
import { formBody, GOOD_FORM } from './register-fixtures.ts';

const TEMPLATE = new URL('../../.github/ISSUE_TEMPLATE/register-site.yml', import.meta.url);

describe('the issue form register-site.yml', () => {
  it('has the fields the parser reads, with the same labels, in the same order', async () => {
    const form = parse(await readFile(TEMPLATE, 'utf8')) as {
      labels: string[];
      body: {
        type: string;
        id?: string;
        attributes: { label?: string; value?: string };
        validations?: { required?: boolean };
      }[];
    };
    expect(form.labels).toEqual([REGISTER_LABEL]);
    const inputs = form.body.filter((b) => b.type !== 'markdown');
    expect(
      inputs.map((b) => ({ id: b.id, label: b.attributes.label, required: b.validations?.required ?? false })),
    ).toEqual(REGISTER_FORM_FIELDS.map((f) => ({ ...f })));
    // Contacts are asked for nowhere, and the form says where they go instead.
    expect(inputs.map((b) => b.id)).not.toContain('contacts');
    const notice = form.body.find((b) => b.type === 'markdown')!.attributes.value!;
    expect(notice).toContain('Do not write contacts');
    expect(notice).toContain('internal-only `contacts` field');
    expect(notice).toContain('Không ghi đầu mối liên hệ');
  });
});

const fields = REGISTER_FORM_FIELDS;

describe('parseIssueForm', () => {
  it('reads every field of a rendered form', () => {
    expect(parseIssueForm(formBody(GOOD_FORM), fields)).toEqual({ values: GOOD_FORM, repeated: [], found: 7 });
  });

  it('leaves out _No response_ and empty sections', () => {
    const body = formBody({ name: 'A', url: 'https://a.example.org/' }).replace(
      '### Nhóm / Group\n\n_No response_',
      '### Nhóm / Group\n\n   ',
    );
    expect(parseIssueForm(body, fields)).toEqual({
      values: { name: 'A', url: 'https://a.example.org/' },
      repeated: [],
      found: 7,
    });
  });

  it.each([
    ['NFD labels and values', (b: string) => b.normalize('NFD'), 'Cổng thông tin điện tử tỉnh Mẫu'],
    ['CRLF line ends', (b: string) => b.replaceAll('\n', '\r\n'), 'Cổng thông tin điện tử tỉnh Mẫu'],
    [
      'extra spaces around headings and values',
      (b: string) => b.replaceAll('### ', '###   ').replace('Cổng thông', '  Cổng thông'),
      'Cổng thông tin điện tử tỉnh Mẫu',
    ],
    [
      'label in other case and spacing',
      (b: string) => b.replace('### Tên trang / Site name', '### tên  trang / SITE NAME ##'),
      'Cổng thông tin điện tử tỉnh Mẫu',
    ],
  ])('copes with %s (values come out NFC)', (_name, change, name) => {
    const parsed = parseIssueForm(change(formBody(GOOD_FORM)), fields);
    expect(parsed.values.name).toBe(name);
    expect(parsed.values.name?.normalize('NFC')).toBe(parsed.values.name);
    expect(parsed.values.url).toBe(GOOD_FORM.url);
    expect(parsed.found).toBe(7);
  });

  it('keeps hostile values as plain strings, a heading of no field included', () => {
    const hostile =
      'Sở Y tế\nurl: https://evil.example\n### Not a field\n@everyone <img src=x onerror=alert(1)> ``` $(rm -rf /)';
    const parsed = parseIssueForm(formBody({ ...GOOD_FORM, name: hostile }), fields);
    expect(parsed.values.name).toBe(hostile);
    expect(parsed.values.url).toBe(GOOD_FORM.url);
    expect(parsed.repeated).toEqual([]);
  });

  it('reports a field whose heading appears twice (a hand-edited body) instead of guessing', () => {
    const body = formBody(GOOD_FORM).replace(
      '### Nhóm / Group',
      '### Địa chỉ / URL\n\nhttps://other.example.org/\n\n### Nhóm / Group',
    );
    const parsed = parseIssueForm(body, fields);
    expect(parsed.repeated).toEqual(['url']);
  });

  it('finds nothing in a body that is not the form', () => {
    expect(parseIssueForm('Xin đăng ký trang https://a.example.org/ giúp tôi', fields)).toEqual({
      values: {},
      repeated: [],
      found: 0,
    });
    expect(parseIssueForm('', fields).found).toBe(0);
  });
});
