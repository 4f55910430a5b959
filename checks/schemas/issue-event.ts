import { z } from 'zod';

/**
 * The part of an `issues` webhook payload (`$GITHUB_EVENT_PATH`) the registration workflow reads.
 * GitHub writes the file, but the issue's body and title are whatever its author typed.
 */
export const IssueEventSchema = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().positive(),
    body: z.string().nullable().optional(),
    labels: z.array(z.object({ name: z.string() })).default([]),
  }),
  repository: z.object({
    full_name: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/),
    default_branch: z.string().min(1),
  }),
});
export type IssueEvent = z.output<typeof IssueEventSchema>;
