// One way to run and judge cells: only engine/cell-pipeline.ts fires attacks from a victim's
// pages (runAttacksFrom) and judges cells (judgeCell). The matrix, `check`, `probe` and the
// dashboard's cross-check all go through it. The naive benchmark sample is the stated
// exception: it judges cells it observed one page per cell, naive on purpose, to measure what
// the pipeline saves.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const allowed: Record<string, readonly string[]> = {
  runAttacksFrom: ['engine/cell-pipeline.ts'],
  judgeCell: ['engine/cell-pipeline.ts', 'tests/matrix/naive-sample.spec.ts'],
};

/** The source files git knows, with the names each imports as values (type-only imports left out). */
function valueImports(): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mts', '*.js', '*.mjs'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.startsWith('node_modules/'));
  const found = new Map<string, string[]>();
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // listed but deleted in the working tree
    }
    const names: string[] = [];
    for (const m of text.matchAll(/^import\s+(type\s+)?\{([^}]*)\}\s+from\s+['"][^'"]+['"]/gm)) {
      if (m[1]) continue;
      for (const part of m[2]!.split(',')) {
        const name = part.trim();
        if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/)[0]!.trim());
      }
    }
    // A dynamic import names the module; count it as importing everything it exports.
    for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      if (/run-attacks|judge-cell/.test(m[1]!)) names.push('runAttacksFrom', 'judgeCell');
    }
    found.set(file, names);
  }
  return found;
}

test('only the cell pipeline imports runAttacksFrom and judgeCell (the naive sample judges on purpose)', () => {
  const imports = valueImports();
  for (const [name, places] of Object.entries(allowed)) {
    const importers = [...imports].filter(([, names]) => names.includes(name)).map(([file]) => file);
    expect(importers.sort(), `files importing ${name}`).toEqual([...places].sort());
  }
});
