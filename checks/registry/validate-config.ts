import { ConfigSchema, type Config } from '../schemas/config.ts';
import { byPosition, type Problem } from './problem.ts';
import { translateIssues } from './translate-issues.ts';
import { parseYamlSource } from './yaml-source.ts';

export interface ConfigFileCheck {
  /** The validated configuration; `undefined` when the file has any error. */
  readonly config: Config | undefined;
  /** Sorted by position. */
  readonly problems: readonly Problem[];
}

/** Checks `config.yml`: YAML syntax and the schema. Pure. */
export function validateConfigFile(file: string, text: string): ConfigFileCheck {
  const source = parseYamlSource(file, text);
  const problems = [...source.problems];
  if (problems.some((p) => p.severity === 'error')) return { config: undefined, problems: problems.sort(byPosition) };
  const result = ConfigSchema.safeParse(source.value);
  if (!result.success) problems.push(...translateIssues(result.error.issues, { file, source, schema: ConfigSchema }));
  problems.sort(byPosition);
  return { config: result.success ? result.data : undefined, problems };
}
