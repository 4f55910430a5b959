import { CHECK_USAGE, parseCheckArgs } from './check-args.ts';
import { runAndReport } from './run-and-report.ts';

// Thin entry point: parse once, run, set the exit code. A site being down is not a failure of the run.
try {
  const args = parseCheckArgs(process.argv.slice(2), process.env);
  const report = await runAndReport(args, { out: (l) => console.log(l), err: (l) => console.error(l) });
  // Data committed but not pushed never reaches the status site: that run failed.
  if (report.push?.kind === 'failed') process.exitCode = 1;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`canhgac check: ${message}`);
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) console.error(CHECK_USAGE);
  process.exitCode = 1;
}
