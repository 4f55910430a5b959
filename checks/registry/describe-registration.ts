import { neutraliseInline } from '../incidents/neutralise.ts';
import type { RegistrationMessage, RegistrationProbe } from '../schemas/registration.ts';

/** One message in both languages, as Markdown. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** A value from the issue or a fetched site, quoted as inert code (no mention, link, HTML or heading survives). */
const q = (value: string | undefined): string => neutraliseInline(value ?? '', 200);
const all = (values: readonly string[]): string => values.map(q).join(', ');

/**
 * A registration error or note in Vietnamese and English. Only the code chooses the words; every
 * value is quoted through `neutraliseInline`, because it is text the author or the site
 * chose. The field's label is the caller's (the comment puts it in front).
 */
export function describeRegistration(message: RegistrationMessage): Bilingual {
  const v = message.values ?? [];
  switch (message.code) {
    case 'no-form':
      return {
        vi: 'Nội dung issue không có các mục của biểu mẫu. Hãy mở issue mới bằng biểu mẫu “Đăng ký giám sát”.',
        en: 'The issue body has none of the form’s sections. Open a new issue with the “Register a site” form.',
      };
    case 'missing':
      return { vi: 'bắt buộc nhưng đang để trống.', en: 'is required but empty.' };
    case 'repeated':
      return {
        vi: 'xuất hiện nhiều lần trong nội dung issue; chỉ giữ lại một mục.',
        en: 'appears more than once in the issue body; keep one.',
      };
    case 'too-long':
      return { vi: `dài quá ${q(v[0])} ký tự.`, en: `is longer than ${q(v[0])} characters.` };
    case 'too-many':
      return { vi: `có quá ${q(v[0])} mục.`, en: `has more than ${q(v[0])} entries.` };
    case 'url-invalid':
      return {
        vi: `${q(v[0])} không phải địa chỉ web đầy đủ, ví dụ \`https://www.example.gov.vn/\`.`,
        en: `${q(v[0])} is not a full web address such as \`https://www.example.gov.vn/\`.`,
      };
    case 'url-scheme':
      return {
        vi: `phải bắt đầu bằng \`https://\` hoặc \`http://\`, không phải ${q(v[0])}.`,
        en: `must start with \`https://\` or \`http://\`, not ${q(v[0])}.`,
      };
    case 'url-credentials':
      return { vi: 'không được chứa tên đăng nhập hay mật khẩu.', en: 'must not contain a user name or password.' };
    case 'url-port':
      return { vi: `không được dùng cổng riêng (${q(v[0])}).`, en: `must not use a non-default port (${q(v[0])}).` };
    case 'url-private':
      return {
        vi: `trỏ tới địa chỉ nội bộ hoặc đặc biệt (${q(v[0])}).`,
        en: `points to a private or special address (${q(v[0])}).`,
      };
    case 'url-ip':
      return {
        vi: `phải dùng tên miền, không dùng địa chỉ IP (${q(v[0])}).`,
        en: `must use a host name, not an IP address (${q(v[0])}).`,
      };
    case 'url-local-name':
      return { vi: `trỏ tới tên miền nội bộ (${q(v[0])}).`, en: `points to a local-only host name (${q(v[0])}).` };
    case 'url-duplicate':
      return { vi: `đã được giám sát: có trong ${q(v[0])}.`, en: `is already monitored: listed in ${q(v[0])}.` };
    case 'url-blocked':
      return {
        vi: `tên miền trỏ tới địa chỉ mà Canh Gác không được phép truy cập (chống SSRF): ${q(v[0])}.`,
        en: `resolves to an address the monitor must not reach (SSRF guard): ${q(v[0])}.`,
      };
    case 'url-http':
      return {
        vi: 'dùng `http://`; nên dùng `https://` nếu trang hỗ trợ.',
        en: 'uses `http://`; prefer `https://` if the site supports it.',
      };
    case 'url-fragment':
      return { vi: `phần ${q(v[0])} sau dấu # bị bỏ qua.`, en: `the fragment ${q(v[0])} is ignored.` };
    case 'group-unknown':
      return {
        vi: `không có nhóm ${q(v[0])}; các nhóm: ${all(v.slice(1))}.`,
        en: `there is no group ${q(v[0])}; the groups are: ${all(v.slice(1))}.`,
      };
    case 'handle-invalid':
      return {
        vi: `không phải tên người dùng GitHub: ${all(v)}.`,
        en: `not GitHub user names: ${all(v)}.`,
      };
    case 'tag-invalid':
      return {
        vi: `thẻ chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang: ${all(v)}.`,
        en: `tags are lowercase letters, digits and hyphens: ${all(v)}.`,
      };
    case 'site-file':
      return { vi: `tệp của trang không hợp lệ: ${q(v[0])}.`, en: `the site file is not valid: ${q(v[0])}.` };
  }
}

/** The dry-run fetch in both languages; `null` when it did not run. */
export function describeProbe(probe: RegistrationProbe): Bilingual | null {
  switch (probe.outcome) {
    case 'not-run':
      return null;
    case 'answered': {
      const at = `${q(probe.finalUrl)}`;
      if (probe.status >= 200 && probe.status < 300)
        return {
          vi: `Trang trả lời HTTP ${probe.status} sau ${probe.ms} ms (${at}).`,
          en: `The site answered HTTP ${probe.status} in ${probe.ms} ms (${at}).`,
        };
      return {
        vi: `Trang trả lời HTTP ${probe.status} sau ${probe.ms} ms (${at}). Trang vẫn được đăng ký; nếu lỗi kéo dài, Canh Gác sẽ mở sự cố.`,
        en: `The site answered HTTP ${probe.status} in ${probe.ms} ms (${at}). It is registered all the same; if the error lasts, Canh Gác opens an incident.`,
      };
    }
    case 'unreachable':
      return {
        vi: `Chưa truy cập được trang (${q(probe.reason)}: ${q(probe.message)}). Trang vẫn được đăng ký; nếu lỗi kéo dài, Canh Gác sẽ mở sự cố.`,
        en: `The site could not be reached (${q(probe.reason)}: ${q(probe.message)}). It is registered all the same; if the error lasts, Canh Gác opens an incident.`,
      };
  }
}
