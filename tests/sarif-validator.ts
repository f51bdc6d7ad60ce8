// Microsoft's SARIF validator, offline (the npm package @microsoft/sarif-multitool-linux, a
// self-contained Linux x64 binary), with GitHub code scanning's ingestion rules (`Gh`) beside the
// SARIF 2.1.0 ones. It exits 0 whatever it finds: its findings are in the log it writes.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Log } from 'sarif';

const validator = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux') as string;

export interface ValidatorFinding {
  level: string;
  rule: string;
  message: string;
}

/** What the validator finds in the SARIF file `file`; its own log goes to `file`.validation.sarif (made anew: the validator won't overwrite one). */
export function sarifFindings(file: string): ValidatorFinding[] {
  const output = `${file}.validation.sarif`;
  rmSync(output, { force: true });
  execFileSync(validator, ['validate', '--rule-kind', 'Gh;Sarif', file, '-o', output], {
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    stdio: 'pipe',
  });
  const found = (JSON.parse(readFileSync(output, 'utf8')) as Log).runs[0]!.results ?? [];
  // A result without a level is a warning (SARIF 2.1.0's result.level).
  return found.map((r) => ({ level: r.level ?? 'warning', rule: r.ruleId ?? '', message: JSON.stringify(r.message.arguments ?? r.message.text) }));
}

/** The validator's errors and warnings: what GitHub would refuse or flag. */
export const sarifProblems = (file: string) => sarifFindings(file).filter((f) => f.level === 'error' || f.level === 'warning');
