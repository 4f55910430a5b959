import { neutraliseInline } from '../incidents/neutralise.ts';
import type { RegistrationMessage, RegistrationProbe } from '../schemas/registration.ts';
import type { Site } from '../schemas/site.ts';
import { describeProbe, describeRegistration } from './describe-registration.ts';
import { registerFieldLabel } from './register-form.ts';

/** The branch a registration issue's pull request lives on: one per issue, rebuilt on each edit. */
export function registrationBranch(issue: number): string {
  return `dang-ky/issue-${issue}`;
}

/** Only the id, a lowercase slug: nothing the author typed reaches a title. */
export function registrationPullTitle(id: string): string {
  return `Đăng ký giám sát / Register a site: ${id}`;
}

function messageLines(messages: readonly RegistrationMessage[]): string[] {
  return messages.map((m) => {
    const { vi, en } = describeRegistration(m);
    const label = m.field === null ? 'Biểu mẫu / Form' : registerFieldLabel(m.field);
    return `- **${label}**: ${vi}\n  _${en}_`;
  });
}

function probeLines(probe: RegistrationProbe): string[] {
  const described = describeProbe(probe);
  return described ? ['**Kiểm tra thử / Test fetch**', '', `${described.vi}`, `_${described.en}_`] : [];
}

function notesBlock(notes: readonly RegistrationMessage[]): string[] {
  return notes.length ? ['**Ghi chú / Notes**', '', ...messageLines(notes), ''] : [];
}

/** The comment on an issue whose form cannot be registered as it is: every error, by field. */
export function rejectedComment(
  errors: readonly RegistrationMessage[],
  notes: readonly RegistrationMessage[],
  probe: RegistrationProbe,
): string {
  return [
    '**Chưa thể đăng ký trang này / This site cannot be registered yet.**',
    '',
    'Hãy sửa các mục dưới đây bằng cách chỉnh sửa issue (Edit); Canh Gác sẽ kiểm tra lại ngay.',
    '_Edit the issue to fix the fields below; Canh Gác checks it again right away._',
    '',
    ...messageLines(errors),
    '',
    ...notesBlock(notes),
    ...probeLines(probe),
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}

export interface AcceptedComment {
  readonly pull: number;
  /** `opened` the first time, `updated` after an edit of the issue. */
  readonly action: 'opened' | 'updated';
  /** The pull request was closed by a maintainer: it stays closed until one reopens it. */
  readonly closed: boolean;
  readonly path: string;
  readonly notes: readonly RegistrationMessage[];
  readonly probe: RegistrationProbe;
}

/** The comment on an issue once its pull request is open or updated. */
export function acceptedComment(c: AcceptedComment): string {
  const head =
    c.action === 'opened'
      ? `**Đã mở pull request #${c.pull} thêm \`${c.path}\`. / Opened pull request #${c.pull} adding \`${c.path}\`.**`
      : `**Đã cập nhật pull request #${c.pull} (\`${c.path}\`). / Updated pull request #${c.pull} (\`${c.path}\`).**`;
  return [
    head,
    '',
    ...(c.closed
      ? [
          'Pull request này đã bị đóng; người quản trị có thể mở lại. / _This pull request was closed; a maintainer can reopen it._',
          '',
        ]
      : []),
    'Đơn vị vận hành sẽ duyệt và gộp; việc giám sát bắt đầu từ lần kiểm tra kế tiếp sau đó. Muốn sửa, hãy chỉnh sửa issue này.',
    '_A maintainer reviews and merges it; monitoring starts with the next check after that. To change something, edit this issue._',
    '',
    'Đầu mối liên hệ **không** ghi ở đây: gửi riêng cho đơn vị vận hành. / _Contacts do **not** go here: send them privately to the operator._',
    '',
    ...notesBlock(c.notes),
    ...probeLines(c.probe),
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}

export interface PullBody {
  readonly issue: number;
  readonly site: Site;
  readonly path: string;
  readonly notes: readonly RegistrationMessage[];
  readonly probe: RegistrationProbe;
}

/** The pull request's description: what is added, from which issue, and how to run its checks. */
export function registrationPullBody(b: PullBody): string {
  const cell = (text: string) => neutraliseInline(text, 200);
  const branch = registrationBranch(b.issue);
  return [
    `Đăng ký giám sát từ issue #${b.issue}. / Site registration from issue #${b.issue}.`,
    '',
    `Closes #${b.issue}`,
    '',
    '| | |',
    '|---|---|',
    `| Tên / Name | ${cell(b.site.name)} |`,
    ...(b.site.name_en ? [`| Tên tiếng Anh / English name | ${cell(b.site.name_en)} |`] : []),
    `| Cơ quan / Agency | ${cell(b.site.agency)} |`,
    `| Nhóm / Group | ${cell(b.site.group)} |`,
    `| Địa chỉ / URL | ${cell(b.site.url)} |`,
    `| Tệp / File | \`${b.path}\` |`,
    '',
    ...notesBlock(b.notes),
    ...probeLines(b.probe),
    '',
    '**Người duyệt / Reviewers:** pull request này do `GITHUB_TOKEN` mở nên workflow _validate sites_ không tự chạy: đóng rồi mở lại pull request, hoặc chạy _validate sites_ (Run workflow) trên nhánh ' +
      `\`${branch}\`.`,
    `_This pull request was opened with \`GITHUB_TOKEN\`, so the validate sites checks do not start by themselves: close and reopen it, or run validate sites (Run workflow) on branch \`${branch}\`._`,
    '',
  ].join('\n');
}
