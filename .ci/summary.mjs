// Sums the JSON reports of Vitest and Playwright into one "N passed, N failed" line.
// A failed step with no test report of its own (npm run check, a crashed runner)
// counts as one failure, so a red run can never print "0 failed".
import { existsSync, readFileSync } from 'node:fs';

const failedSteps = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = 0;
let reports = 0;

const vitest = '.reports/vitest.json';
if (existsSync(vitest)) {
  const r = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  reports++;
}

const playwright = '.reports/playwright.json';
if (existsSync(playwright)) {
  const r = JSON.parse(readFileSync(playwright, 'utf8'));
  const s = r.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  failed += (r.errors ?? []).length;
  reports++;
}

if (reports < 2) failed += 2 - reports; // a runner that never reported did not pass
if (failed === 0 && failedSteps > 0) failed = failedSteps;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
