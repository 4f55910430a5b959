import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createGithubClient, type GithubClientOptions } from '../incidents/github-client.ts';
import type { ProbeDeps } from '../probes/http-probe.ts';
import { makeResolver, trustedRoots } from '../probes/probe-setup.ts';
import { IssueEventSchema, type IssueEvent } from '../schemas/issue-event.ts';
import { RegistrationResultSchema, type RegistrationResult } from '../schemas/registration.ts';
import { loadRegistrationRegistry } from './load-registration-registry.ts';
import { readRegistration } from './read-registration.ts';
import { REGISTER_LABEL } from './register-form.ts';
import { respondToRegistration } from './respond-to-registration.ts';

const REGISTER_USAGE = `usage: node checks/cli/register-from-issue.ts <command> …
  read    --event FILE --data DIR --out FILE
          parse the issue form in the event, check it against the registry, probe the URL once,
          write the result (no token needed)
  respond --event FILE --data DIR --result FILE
          check the result again and answer on GitHub: a comment with the field errors, or the
          branch dang-ky/issue-<n>, its pull request and a comment with the link
          (GITHUB_TOKEN required; GITHUB_API_URL, default https://api.github.com)
  --allow-private  accept and fetch private addresses, IP literals and odd ports: tests and the demo only`;

export interface RegisterIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** I/O the tests replace: the probe's resolver and trusted roots, the GitHub client's waits. */
export interface RegisterDeps {
  readonly probe?: Partial<ProbeDeps>;
  readonly client?: Partial<GithubClientOptions>;
}

class UsageError extends Error {}

/**
 * `register-from-issue read|respond`: the two jobs of .github/workflows/register-site.yml. Returns
 * the exit code: 0 also when the form has errors (they are the result), 1 for a bad command line,
 * an unreadable event or result, or a GitHub failure.
 */
export async function runRegisterFromIssue(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: RegisterIo,
  deps: RegisterDeps = {},
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        event: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        result: { type: 'string' },
        'allow-private': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.out(REGISTER_USAGE);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const need = (name: 'event' | 'data' | 'out' | 'result'): string => {
      const value = values[name];
      if (!value) throw new UsageError(`${command} needs --${name}`);
      return value;
    };
    if (command === 'read') {
      const [eventFile, dataDir, out] = [need('event'), need('data'), need('out')];
      const event = await readEvent(eventFile);
      const result = await read(event, dataDir, values['allow-private'], deps);
      await writeFile(out, `${JSON.stringify(RegistrationResultSchema.parse(result), null, 2)}\n`);
      io.out(summary(result));
      return 0;
    }
    if (command === 'respond') {
      const [eventFile, dataDir, resultFile] = [need('event'), need('data'), need('result')];
      const event = await readEvent(eventFile);
      const result = await readResult(resultFile);
      const token = env.GITHUB_TOKEN;
      if (!token) throw new Error('GITHUB_TOKEN is not set: respond answers on GitHub');
      const { octokit: client, retries } = createGithubClient({
        apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
        token,
        onNotice: io.err,
        ...deps.client,
      });
      const registry = await loadRegistrationRegistry(dataDir);
      const outcome = await respondToRegistration({
        client,
        retries,
        repository: event.repository.full_name,
        issue: event.issue.number,
        baseBranch: event.repository.default_branch,
        result,
        registry,
        allowPrivate: values['allow-private'],
      });
      io.out(
        outcome.action === 'rejected'
          ? `issue #${event.issue.number}: commented the errors`
          : `issue #${event.issue.number}: ${outcome.action} pull request #${outcome.pull}${outcome.branchChanged ? '' : ' (file unchanged)'}`,
      );
      return 0;
    }
    throw new UsageError(command === undefined ? 'a command is missing' : `unknown command "${command}"`);
  } catch (error) {
    io.err(`register-from-issue: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      io.err(REGISTER_USAGE);
    return 1;
  }
}

async function read(event: IssueEvent, dataDir: string, allowPrivate: boolean, deps: RegisterDeps) {
  if (!event.issue.labels.some((l) => l.name === REGISTER_LABEL))
    throw new Error(`issue #${event.issue.number} has no "${REGISTER_LABEL}" label: not a registration`);
  const registry = await loadRegistrationRegistry(dataDir);
  const settings = registry.config.probe;
  const [resolver, ca] = [makeResolver(settings), await trustedRoots(settings, dataDir)];
  return readRegistration({
    event,
    registry,
    settings,
    allowPrivate,
    probeDeps: { resolver, ca, now: new Date(), ...deps.probe },
  });
}

async function readEvent(file: string): Promise<IssueEvent> {
  const parsed = IssueEventSchema.safeParse(await readJson(file, 'the event'));
  if (!parsed.success) throw new Error(`${file} is not an issues event: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** result.json from the other job: schema-checked again, never trusted. */
async function readResult(file: string): Promise<RegistrationResult> {
  const parsed = RegistrationResultSchema.safeParse(await readJson(file, 'the result'));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${file} is not a registration result: ${first?.path.join('.') || '(root)'}: ${first?.message}`);
  }
  return parsed.data;
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${what} ${file} is not JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** One line for the job log: codes only, never the author's text. */
function summary(result: RegistrationResult): string {
  if (result.outcome === 'accepted') return `issue #${result.issue}: ${result.path} (probe: ${result.probe.outcome})`;
  const errors = result.errors.map((e) => `${e.field ?? 'form'}:${e.code}`).join(', ');
  return `issue #${result.issue}: rejected (${errors})`;
}
