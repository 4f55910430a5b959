/** A field of an issue form as its rendered body names it. */
export interface FormField<Id extends string = string> {
  readonly id: Id;
  readonly label: string;
}

export interface ParsedIssueForm<Id extends string> {
  /** Each field's value, trimmed and NFC; absent when the section is missing, empty or `_No response_`. */
  readonly values: Partial<Record<Id, string>>;
  /** Fields whose heading appears more than once: the body was edited by hand, and which one counts is a guess. */
  readonly repeated: readonly Id[];
  /** How many of the fields have a heading at all; 0 means the body is not this form's. */
  readonly found: number;
}

/** What GitHub writes for an optional field left empty. */
const NO_RESPONSE = '_No response_';

/**
 * Reads the body GitHub renders from an issue form: one `### <label>` heading per field, a blank
 * line, the value. Sections are found by the form's own labels (compared NFC, case- and
 * space-insensitively), so a `### ` line typed inside a value is only a heading when it repeats a
 * label, and then the field is reported as repeated rather than silently overwritten. Text before the
 * first label belongs to no field. Pure: the body is hostile text and is only ever returned as strings.
 */
export function parseIssueForm<Id extends string>(body: string, fields: readonly FormField<Id>[]): ParsedIssueForm<Id> {
  const byLabel = new Map(fields.map((f) => [labelKey(f.label), f.id] as const));
  const lines = body.normalize('NFC').split(/\r\n?|\n/);
  const sections = new Map<Id, string[]>();
  const repeated = new Set<Id>();
  let current: string[] | null = null;
  for (const line of lines) {
    const heading = /^ {0,3}###[ \t]+(.*?)[ \t#]*$/.exec(line);
    const id = heading ? byLabel.get(labelKey(heading[1]!)) : undefined;
    if (id !== undefined) {
      if (sections.has(id)) repeated.add(id);
      current = [];
      sections.set(id, current);
      continue;
    }
    current?.push(line);
  }
  const values: Partial<Record<Id, string>> = {};
  for (const [id, section] of sections) {
    const value = section.join('\n').trim();
    if (value !== '' && value !== NO_RESPONSE) values[id] = value;
  }
  return { values, repeated: [...repeated], found: sections.size };
}

function labelKey(label: string): string {
  return label.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}
