import type { IncidentBackend, IssueSnapshot } from './backend.ts';

/**
 * What a responder does to a local issue from the command line, as they would on GitHub: list
 * issues, add or remove labels (`+acknowledged`, `-maintenance`), close, reopen. Returns the lines to print.
 */
export async function runLocalCommand(
  backend: IncidentBackend,
  command: string,
  args: readonly string[],
): Promise<string[]> {
  switch (command) {
    case 'list': {
      const state = args[0] === 'all' || args[0] === 'closed' ? args[0] : 'open';
      const issues = await backend.listIssues([], state);
      return issues.length === 0
        ? [`no ${state === 'all' ? '' : `${state} `}issues in ${backend.repository}`]
        : issues.map(line);
    }
    case 'label': {
      const [number, ...changes] = args;
      const issue = await backend.getIssue(issueNumber(number));
      if (changes.length === 0) throw new UsageError('label needs at least one +name or -name');
      const labels = new Set(issue.labels);
      for (const change of changes) {
        const name = change.slice(1);
        if (!/^[+-]/.test(change) || name === '')
          throw new UsageError(`"${change}": write +name to add a label, -name to remove one`);
        if (change.startsWith('+')) labels.add(name);
        else labels.delete(name);
      }
      return [line(await backend.updateIssue(issue.number, { labels: [...labels] }))];
    }
    case 'close':
      return [line(await backend.updateIssue(issueNumber(args[0]), { state: 'closed', stateReason: 'completed' }))];
    case 'reopen':
      return [line(await backend.updateIssue(issueNumber(args[0]), { state: 'open', stateReason: 'reopened' }))];
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

export class UsageError extends Error {}

function issueNumber(text: string | undefined): number {
  const n = Number(text);
  if (!text || !Number.isInteger(n) || n < 1) throw new UsageError(`"${text ?? ''}" is not an issue number`);
  return n;
}

function line(issue: IssueSnapshot): string {
  return `#${issue.number} [${issue.state}] ${issue.title}  (${issue.labels.join(', ')})`;
}
