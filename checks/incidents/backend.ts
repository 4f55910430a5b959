/**
 * Where incident issues live. Two implementations with the same rules: `github` (REST through
 * @octokit/rest with the throttling and retry plugins; GitHub Enterprise Server through
 * GITHUB_API_URL) and `local` (JSON files under the data dir, the default without a token).
 * Every method throws `BackendError` on failure; the caller decides what a failure means for the run.
 */
export interface IssueSnapshot {
  readonly number: number;
  readonly url: string;
  readonly state: 'open' | 'closed';
  /** `completed`, `not_planned`, `reopened` or null, as GitHub reports it. */
  readonly stateReason: string | null;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
}

export interface NewIssue {
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
}

export interface IssueChange {
  readonly title?: string;
  readonly state?: 'open' | 'closed';
  readonly stateReason?: 'completed' | 'not_planned' | 'reopened';
  /** Replaces the issue's labels. */
  readonly labels?: readonly string[];
}

export interface LabelSpec {
  readonly name: string;
  /** Six hex digits, no '#'. */
  readonly color: string;
  readonly description: string;
}

export interface IncidentBackend {
  readonly kind: 'github' | 'local';
  /** `owner/name` (github) or the local store's path (local), for messages and links. */
  readonly repository: string;
  /** Every issue (not pull request) carrying all these labels, in that state; all pages. */
  listIssues(labels: readonly string[], state: 'open' | 'closed' | 'all'): Promise<IssueSnapshot[]>;
  getIssue(number: number): Promise<IssueSnapshot>;
  createIssue(issue: NewIssue): Promise<IssueSnapshot>;
  updateIssue(number: number, change: IssueChange): Promise<IssueSnapshot>;
  addComment(number: number, body: string): Promise<void>;
  /** The bodies of the issue's most recent comments (at least the last 100), oldest first. */
  recentComments(number: number): Promise<string[]>;
  /** Creates the labels that do not exist yet; existing ones are left as they are. */
  ensureLabels(labels: readonly LabelSpec[]): Promise<void>;
}

/** A backend call that failed: `retryable` when a later run may well succeed (rate limit, 5xx, timeout). */
export class BackendError extends Error {
  readonly status: number | null;
  readonly retryable: boolean;
  constructor(message: string, options: { status: number | null; retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BackendError';
    this.status = options.status;
    this.retryable = options.retryable;
  }
}

/** Says why in a comment, then closes the issue with that reason (completed, or not planned for a duplicate). */
export async function closeAs(
  backend: IncidentBackend,
  number: number,
  reason: 'completed' | 'not_planned',
  text: string,
): Promise<void> {
  await backend.addComment(number, text);
  await backend.updateIssue(number, { state: 'closed', stateReason: reason });
}
