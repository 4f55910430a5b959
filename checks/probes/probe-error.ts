import type { Reason } from '../schemas/status.ts';

/**
 * A site failure found while probing. Thrown inside a probe attempt and caught at its edge, where it
 * becomes data (`reason` + raw `code`); it never leaves the probe.
 */
export class ProbeError extends Error {
  readonly reason: Reason;
  readonly code: string;

  constructor(reason: Reason, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProbeError';
    this.reason = reason;
    this.code = code;
  }
}
