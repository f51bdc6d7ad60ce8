// A Playwright reporter: clears old cells before a run that includes the matrix, and at the
// end writes reports/matrix.json and reports/matrix.html and prints the matrix summary,
// then a plain "N passed, N failed" line.
import { rmSync } from 'node:fs';
import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { collectReport, writeReport, writtenText } from './collect.js';
import { CELLS_DIR, MATRIX_TAG, TIMINGS_DIR } from './matrix-data.js';
import { summaryText } from './summary.js';

/** Whether a run includes matrix cells: its tests say so by their tag, wherever their files live. */
export function includesMatrix(tests: readonly Pick<TestCase, 'tags'>[]): boolean {
  return tests.some((t) => t.tags.includes(MATRIX_TAG));
}

export default class MatrixSummaryReporter implements Reporter {
  private counts = { passed: 0, failed: 0, skipped: 0 };

  onBegin(_config: unknown, suite: Suite): void {
    if (includesMatrix(suite.allTests())) for (const dir of [CELLS_DIR, TIMINGS_DIR]) rmSync(dir, { recursive: true, force: true });
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.retry < test.retries && result.status !== 'passed') return;
    if (result.status === 'passed') this.counts.passed++;
    else if (result.status === 'skipped') this.counts.skipped++;
    else this.counts.failed++;
  }

  async onEnd(_result: FullResult): Promise<void> {
    const report = collectReport();
    if (report) {
      const written = await writeReport(report);
      console.log(`\n${summaryText(report)}\n${writtenText(written)}`);
    }
    console.log(`\n${this.counts.passed} passed, ${this.counts.failed} failed, ${this.counts.skipped} skipped`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
