// `npm run report`: rebuilds reports/matrix.json and reports/matrix.html, with each cell's
// picture beside it, from the cells the last matrix run wrote (reports/cells), and prints the summary.
import { collectReport, summaryText, writeReport, writtenText } from '../report/index.js';

const report = collectReport();
if (!report) {
  console.error('No cells in reports/cells: run the matrix first (npm test).');
  process.exit(1);
}
const written = await writeReport(report);
console.log(`${summaryText(report)}\n${writtenText(written)}`);
