import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, "Tests: N passed, N failed, N skipped", which CI reads to know
 * how many tests ran (Vitest's own summary is decorated and not read). Skipped tests are listed with
 * their reason so a machine without a browser says what it did not test.
 */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed += 1;
        else if (result.state === 'failed') failed += 1;
        else if (result.state === 'skipped') skipped.push(`${test.fullName}${result.note ? ` (${result.note})` : ''}`);
      }
    }
    for (const name of skipped) console.log(`skipped: ${name}`);
    console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  }
}
