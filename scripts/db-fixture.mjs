// Makes the database fixture of a released schema version: drives that version's build as a
// user would (imports, an undone import, the company name, a backup), then dumps its IndexedDB
// as JSON. Run it once per release that changes the schema, on that release's build:
//   trunk build --dist /tmp/dist-vN && node scripts/db-fixture.mjs /tmp/dist-vN tests/fixtures/db/vN.json
// tests/e2e/upgrade.test.mjs opens every fixture with the current app and checks nothing is lost.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { startServer, launchBrowser, FIXTURES } from "../tests/e2e/harness.mjs";

const [dist, out] = process.argv.slice(2);
if (!dist || !out) throw new Error("usage: node scripts/db-fixture.mjs <dist> <out.json>");

const server = await startServer(resolve(dist));
const browser = await launchBrowser();
const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
await page.goto(server.url);
await page.getByTestId("nav-import").waitFor();

async function importFile(name) {
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(join(FIXTURES, "import", name));
  await page.getByTestId("import-file").last().waitFor();
  await page.getByTestId("import-commit").click();
  await page.getByTestId("import-summary").waitFor();
}

// (Schema v1, the foundation release, never opened a database in the app: no fixture.)
await userSession();
if (await page.getByTestId("nav-rules").count()) await reminderSession(); // schema v3 and later
await page.waitForTimeout(2_000); // writes the app makes by itself (the day's reminders)

async function reminderSession() {
  await page.getByTestId("nav-rules").click();
  await page.getByTestId("rule-edit").first().click();
  await page.locator("[data-testid=rule-channel][data-channel=email]").check();
  await page.getByTestId("rules-save").click();
  await page.getByTestId("rules-status").waitFor();
  await page.getByTestId("rules-tab-channels").click();
  await page.getByTestId("channel-webhook-url").fill("https://hooks.example.com/ar");
  await page.getByTestId("channel-webhook-secret").fill("whsec-fixture");
  await page.getByTestId("channels-save").click();
  await page.getByTestId("nav-reminders").click();
  await page.getByTestId("reminder-dispute").first().click();
  await page.waitForTimeout(500);
}

async function userSession() {
await importFile("kingdee_open_items_gbk.csv");
await importFile("multi_currency.csv");
await page.getByTestId("import-undo").first().click(); // the newest import, undone
await page.waitForTimeout(500);
await importFile("payments_receipts.csv");
await importFile("quickbooks_open_invoices_us.csv");
await page.getByTestId("nav-settings").click();
await page.getByTestId("setting-company").fill("华东精密机械有限公司");
await page.getByTestId("setting-company").dispatchEvent("change");
await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download").click()]);
}

const dump = await page.evaluate(async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open("ar-sentinel");
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const stores = {};
  const names = [...db.objectStoreNames];
  const tx = db.transaction(names, "readonly");
  for (const s of names) {
    const store = tx.objectStore(s);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()].map((req) => new Promise((ok) => { req.onsuccess = () => ok(req.result); })));
    stores[s] = keys.map((k, i) => [k, values[i]]);
  }
  db.close();
  return { schema_version: db.version, stores };
});
writeFileSync(out, JSON.stringify(dump, null, 1) + "\n");
console.log(`${out}: schema v${dump.schema_version}, ` + Object.entries(dump.stores).map(([s, e]) => `${s} ${e.length}`).join(", "));
await browser.close();
await server.close();
