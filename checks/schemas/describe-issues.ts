import type { z } from 'zod';

/**
 * A schema failure as one line naming each field: the first few problems only, so a hostile or
 * badly damaged file cannot flood a notice, a job summary or an error message.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[], max = 3): string {
  const shown = issues.slice(0, max).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return `${shown.join('; ')}${issues.length > max ? ` (and ${issues.length - max} more)` : ''}`;
}
