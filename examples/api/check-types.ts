// The API's types in a strict TypeScript project: the report is typed as the JSON contract.
// Type-checked (not run) by the package test: tsc --noEmit --strict.
import { check, EXIT, InputError, type CheckReport, type Verdict } from 'cors-lab';

export async function untrustedFindings(cors: string): Promise<Verdict[]> {
  const report: CheckReport = await check({ api: 'https://api.example.com', trusted: ['https://www.example.com'], cors, browsers: ['chromium'] });
  return report.verdicts.filter((v) => v.relation !== 'trusted' && (v.read || v.write));
}

export async function exitCodeOf(cors: string): Promise<number> {
  try {
    const report = await check({ api: 'https://api.example.com', cors });
    if (report.disagreements > 0) return EXIT.noVerdict;
    return report.exploitable ? EXIT.exploitable : EXIT.safe;
  } catch (error) {
    if (error instanceof InputError) return EXIT.badInput;
    throw error;
  }
}
