import { z } from 'zod';
import { StatusFileSchema, type StatusFile } from './status.ts';

/**
 * What the public status site knows of a site's latest check: its state, when, and how long the page
 * took. Derived from the status file the checks write; the error, TLS, DNS and defacement details
 * stay internal (issue #5: the public build contains no internal data).
 */
export const PublicStatusSchema = StatusFileSchema.pick({ id: true, checkedAt: true, state: true }).extend({
  /** Whole attempt in ms, when a response arrived. */
  responseMs: z.number().nonnegative().nullable(),
});

export type PublicStatus = z.output<typeof PublicStatusSchema>;

export function publicStatus(status: StatusFile): PublicStatus {
  return {
    id: status.id,
    checkedAt: status.checkedAt,
    state: status.state,
    responseMs: status.http ? Math.round(status.http.timings.total) : null,
  };
}
