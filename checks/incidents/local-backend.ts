import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { toJson, writeFileAtomic } from '../store/atomic-write.ts';
import { dataPaths } from '../store/data-paths.ts';
import { BackendError, type IncidentBackend, type IssueSnapshot, type LabelSpec } from './backend.ts';

/** `DIR/incidents/local/<n>.json`: an issue of the local backend, with its comments. */
export const LocalIssueSchema = z.strictObject({
  number: z.number().int().positive(),
  state: z.enum(['open', 'closed']),
  stateReason: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  createdAt: z.iso.datetime(),
  comments: z.array(z.strictObject({ at: z.iso.datetime(), body: z.string() })),
});
export type LocalIssue = z.output<typeof LocalIssueSchema>;

/**
 * Issues as JSON files under the data dir: the backend when there is no GitHub token (a fork
 * trying things out, a network without GitHub). Same rules as `github`; responders act on these
 * issues with `npm run incident -- label|close …`. Single writer: one run at a time, as in Actions.
 */
export function createLocalBackend(dataDir: string, clock: () => Date = () => new Date()): IncidentBackend {
  const dir = dataPaths(dataDir).localIssues;
  const file = (n: number) => path.join(dir, `${n}.json`);

  const read = async (n: number): Promise<LocalIssue> => {
    let text: string;
    try {
      text = await readFile(file(n), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new BackendError(`local: issue #${n} does not exist in ${dir}`, { status: 404, retryable: false });
      throw error;
    }
    const parsed = LocalIssueSchema.safeParse(JSON.parse(text));
    if (!parsed.success)
      throw new BackendError(`local: ${file(n)} is not a valid issue: ${parsed.error.issues[0]?.message ?? ''}`, {
        status: null,
        retryable: false,
      });
    return parsed.data;
  };
  const all = async (): Promise<LocalIssue[]> => {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const numbers = names
      .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    return Promise.all(numbers.sort((a, b) => a - b).map(read));
  };
  const write = async (issue: LocalIssue) => {
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(file(issue.number), toJson(issue));
  };
  const snapshot = (issue: LocalIssue): IssueSnapshot => ({
    number: issue.number,
    url: `${path.relative(dataDir, file(issue.number)).split(path.sep).join('/')}`,
    state: issue.state,
    stateReason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    labels: issue.labels,
    assignees: issue.assignees,
  });

  return {
    kind: 'local',
    repository: dir,
    async listIssues(labels, state) {
      return (await all())
        .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)))
        .map(snapshot);
    },
    async getIssue(n) {
      return snapshot(await read(n));
    },
    async createIssue(issue) {
      const number = Math.max(0, ...(await all()).map((i) => i.number)) + 1;
      const created: LocalIssue = {
        number,
        state: 'open',
        stateReason: null,
        title: issue.title,
        body: issue.body,
        labels: [...issue.labels],
        assignees: [...issue.assignees],
        createdAt: clock().toISOString(),
        comments: [],
      };
      await write(created);
      return snapshot(created);
    },
    async updateIssue(n, change) {
      const issue = await read(n);
      const updated: LocalIssue = {
        ...issue,
        ...(change.title !== undefined ? { title: change.title } : {}),
        ...(change.labels !== undefined ? { labels: [...change.labels] } : {}),
        ...(change.state !== undefined
          ? {
              state: change.state,
              stateReason: change.stateReason ?? (change.state === 'closed' ? 'completed' : 'reopened'),
            }
          : {}),
      };
      await write(updated);
      return snapshot(updated);
    },
    async addComment(n, body) {
      const issue = await read(n);
      await write({ ...issue, comments: [...issue.comments, { at: clock().toISOString(), body }] });
    },
    async recentComments(n) {
      return (await read(n)).comments.slice(-100).map((c) => c.body);
    },
    async ensureLabels(_labels: readonly LabelSpec[]) {
      // Local issues carry label names only: nothing to create.
    },
  };
}
