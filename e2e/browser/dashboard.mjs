// Drives the dashboard as a person would, in the system's Chromium, for CascadeTest: started
// before the publish, it prints "ready", reads the run id on stdin, opens the run's page at once
// and follows it live, then the report, the model and the experiment pages, saving screenshots.
// Usage: node dashboard.mjs BASE_URL PIPELINE SCREENSHOT_DIR   (then the run id on stdin)
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';
import { mkdirSync } from 'node:fs';

const [base, pipeline, shots] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const result = {};
function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.setDefaultTimeout(120000);
  console.log('ready');
  const lines = createInterface({ input: process.stdin });
  const runId = (await lines[Symbol.asyncIterator]().next()).value.trim();
  lines.close();

  // The run page, open while the run goes on: its timeline grows and its status changes without a reload.
  for (let attempt = 0; ; attempt++) {
    const response = await page.goto(`${base}/ui/runs/${runId}`);
    if (response.ok()) break;
    check(attempt < 100, `the run page answered ${response.status()}`);
    await page.waitForTimeout(100);
  }
  // Read in one go: a live row may arrive between two separate reads.
  const opened = await page.evaluate(() => {
    const table = document.getElementById('timeline');
    return { status: document.getElementById('status').textContent, rows: table.rows.length - 1,
      live: Number(table.dataset.liveRows || 0) };
  });
  result.statusWhenOpened = opened.status;
  result.rowsWhenOpened = opened.rows - opened.live;
  await page.waitForFunction(() => document.getElementById('status').textContent === 'promoted');
  await page.waitForSelector('#report-link');
  await page.waitForSelector('#model-link');
  result.liveRows = Number(await page.getAttribute('#timeline', 'data-live-rows'));
  result.rows = await page.locator('#timeline tr').count() - 1;
  check(result.statusWhenOpened !== 'promoted', 'the run was over before its page opened: nothing was seen live');
  check(result.liveRows > 0, 'no timeline entry arrived live');
  check(result.rows === result.rowsWhenOpened + result.liveRows, 'the rows on the page are not the ones that arrived');
  // None missing, none twice: the page shows the run's timeline as the API has it.
  result.apiRows = await page.evaluate(async (id) => (await (await fetch(`/api/v1/runs/${id}`)).json()).timeline.length, runId);
  check(result.rows === result.apiRows, `the page shows ${result.rows} timeline rows, the API ${result.apiRows}`);
  await page.screenshot({ path: `${shots}/run.png`, fullPage: true });

  // The report: the verdict, the curves of the candidate, the training curves.
  await page.click('#report-link');
  await page.waitForSelector('#verdict');
  result.verdict = (await page.textContent('#verdict')).trim();
  check(result.verdict === 'PASSED', `the report says ${result.verdict}`);
  check(await page.locator('svg[aria-label="ROC curve"] polyline[data-series="candidate"]').count() === 1, 'no ROC curve');
  check(await page.locator('#training-curves svg').count() >= 1, 'no training curves');
  result.reportSections = await page.locator('h2').allTextContents();
  await page.screenshot({ path: `${shots}/report.png`, fullPage: true });
  await page.goBack();

  // The model page: production, its history and its lineage.
  await page.click('#model-link');
  await page.waitForSelector('#versions');
  result.production = (await page.textContent('#production')).trim();
  check(result.production.startsWith('In production: version 1'), `the model page says: ${result.production}`);
  check(await page.locator('#lineage svg rect').count() === 5, 'no lineage graph');
  check(await page.locator('#history tr').count() >= 2, 'no history');
  // Without a token the buttons are refused, with the role that is needed.
  await page.click('#rollback');
  await page.waitForSelector('#notice.error');
  result.rollbackWithoutToken = (await page.textContent('#notice')).trim();
  check(result.rollbackWithoutToken.startsWith('401'), `a rollback without a token: ${result.rollbackWithoutToken}`);
  await page.screenshot({ path: `${shots}/model.png`, fullPage: true });

  await page.goto(`${base}/ui/experiments/${pipeline}`);
  result.trainingRuns = await page.locator('#training-runs tr').count() - 1;
  check(result.trainingRuns >= 1, 'no training run on the experiment page');
  await page.screenshot({ path: `${shots}/experiments.png`, fullPage: true });

  // The run page again, once the services have shipped their spans: the run's trace as a waterfall.
  for (let attempt = 0; ; attempt++) {
    await page.goto(`${base}/ui/runs/${runId}`);
    const services = await page.locator('#trace-services').count() === 1
      ? (await page.textContent('#trace-services')).split(', ') : [];
    if (services.length === 6) break;
    check(attempt < 60, `the trace has spans from ${services.length} of the six services`);
    await page.waitForTimeout(1000);
  }
  result.traceRows = await page.locator('#waterfall tr').count() - 1;
  await page.locator('#waterfall').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/trace.png`, fullPage: true });

  await page.goto(`${base}/ui`);
  check(await page.locator(`h2[data-pipeline="${pipeline}"]`).count() === 1, 'the pipeline is not on the front page');
  await page.screenshot({ path: `${shots}/pipelines.png`, fullPage: true });
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
}
