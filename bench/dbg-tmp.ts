import * as Y from 'yjs';
import { formatDocId, initQuestionnaireDoc } from '@opora/shared';
import { fillForm } from './forms-data.ts';
import { benchForm } from './web/bench-form.ts';
import { launchChromium, signIn, startDemoRelay, waitForDocs } from './lib/app-bench.ts';
const DOC_ID = formatDocId({
  kind: 'questionnaire',
  schoolId: 'zar-sosh-3',
  formId: benchForm.id,
  wave: '2041-entry',
});
const doc = new Y.Doc();
initQuestionnaireDoc(doc, benchForm, '2041-entry');
fillForm(doc, benchForm, 'u-director', 1);
const relay = await startDemoRelay('/tmp/bench-wt/forms-web');
await relay.push('director', 'director1', [{ docId: DOC_ID, update: Y.encodeStateAsUpdate(doc) }]);
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
const page = await context.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await signIn(page, relay.base, 'director', 'director1');
await waitForDocs(page, [DOC_ID]);
await page.goto(`${relay.base}/doc/${encodeURIComponent(DOC_ID)}`);
await page.waitForTimeout(8000);
console.log(page.url());
console.log((await page.locator('body').innerText()).slice(0, 1500));
await page.screenshot({ path: '/tmp/bench-wt/shot.png' });
await browser.close();
await relay.close();
