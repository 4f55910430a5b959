/**
 * The fields of the issue form "Đăng ký giám sát / Register a site"
 * (.github/ISSUE_TEMPLATE/register-site.yml), in form order. The labels are how the rendered issue
 * body names each field (`### <label>`), so the form and the parser must agree on them: a test reads
 * the template and compares. Contacts are deliberately absent: the issue is public.
 */
export const REGISTER_FORM_FIELDS = [
  { id: 'name', label: 'Tên trang / Site name', required: true },
  { id: 'name_en', label: 'Tên tiếng Anh / English name', required: false },
  { id: 'url', label: 'Địa chỉ / URL', required: true },
  { id: 'agency', label: 'Cơ quan chủ quản / Agency', required: true },
  { id: 'group', label: 'Nhóm / Group', required: true },
  { id: 'responders', label: 'Người ứng cứu / Responders', required: false },
  { id: 'tags', label: 'Thẻ / Tags', required: false },
] as const;

export type RegisterFieldId = (typeof REGISTER_FORM_FIELDS)[number]['id'];

export const REGISTER_FIELD_IDS = REGISTER_FORM_FIELDS.map((f) => f.id) as [RegisterFieldId, ...RegisterFieldId[]];

/** The label a field has on the form, e.g. `Địa chỉ / URL`. */
export function registerFieldLabel(id: RegisterFieldId): string {
  return REGISTER_FORM_FIELDS.find((f) => f.id === id)!.label;
}

/** The label every issue of the form carries; the workflow runs only on issues with it. */
export const REGISTER_LABEL = 'dang-ky';

/** The form field a site file problem's field is about (`responders.0` → `responders`); null when none. */
export function registerFieldOf(field: string | undefined): RegisterFieldId | null {
  const top = field?.split('.')[0];
  return REGISTER_FORM_FIELDS.find((f) => f.id === top)?.id ?? null;
}
