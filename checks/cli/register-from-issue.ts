import { runRegisterFromIssue } from '../registry/run-register-from-issue.ts';

// Thin entry point: the two jobs of .github/workflows/register-site.yml (read, respond).
process.exitCode = await runRegisterFromIssue(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
