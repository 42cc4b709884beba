// Living with the pool: a customer's page, undoing an import, and a backup that restores
// into an empty browser with nothing lost.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, reloadApp, FIXTURES } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

async function importAndCommit(page, name) {
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(join(FIXTURES, "import", name));
  await page.getByTestId("import-file").waitFor();
  await page.getByTestId("import-commit").click();
  await page.getByTestId("import-summary").waitFor();
}

async function ledgerNumbers(page) {
  await page.getByTestId("nav-ledger").click();
  // The virtualised table renders its rows a frame after the count: wait until they agree.
  await page.waitForFunction(() => {
    const count = document.querySelector("[data-testid=ledger-count]");
    return count && Number(count.dataset.count) === document.querySelectorAll("[data-testid=ledger-row]").length;
  });
  return (await page.getByTestId("ledger-row").evaluateAll((rs) => rs.map((r) => r.dataset.invoice))).sort();
}

test("a customer's page shows its balance per currency, its invoices and its payments", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importAndCommit(page, "kingdee_open_items_gbk.csv");
  await page.getByTestId("asof-date").fill("2026-03-31");
  await page.getByTestId("nav-ledger").click();
  await page.locator('[data-testid=ledger-row][data-customer="0002"] a').first().click();
  await page.getByTestId("page-customer").waitFor();
  // 0002: AR2026-0003 58,000 − 8,000 paid − 600 credit note + AR2026-0012 2,600 = 52,000.00
  const open = page.getByTestId("customer-open");
  assert.equal(await open.getAttribute("data-currency"), "CNY");
  assert.equal(await open.getAttribute("data-amount"), "52000.00");
  assert.equal(await page.getByTestId("customer-invoice").count(), 2);
  assert.equal(await page.getByTestId("customer-payment").count(), 1);
  // The drill-down back to the ledger lands on exactly this customer's invoices.
  await page.getByTestId("customer-ledger-link").click();
  await page.getByTestId("ledger-customer-filter").waitFor();
  assert.deepEqual(
    (await page.getByTestId("ledger-row").evaluateAll((rs) => rs.map((r) => r.dataset.invoice))).sort(),
    ["AR2026-0003", "AR2026-0012"],
  );
  await context.close();
});

test("undoing the newest import restores the pool exactly, also after a reload", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importAndCommit(page, "register_settled_en.csv");
  const first = await ledgerNumbers(page);
  await importAndCommit(page, "multi_currency.csv");
  assert.equal((await ledgerNumbers(page)).length, first.length + 5);
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-undo").first().click(); // newest first
  await page.getByTestId("import-log").first().getByText(/已撤销|Undone/).waitFor();
  assert.deepEqual(await ledgerNumbers(page), first);
  await reloadApp(page);
  assert.deepEqual(await ledgerNumbers(page), first, "the undo was written, not just shown");
  await context.close();
});

test("a backup restores into an empty browser with every record and setting", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importAndCommit(page, "kingdee_open_items_gbk.csv");
  await importAndCommit(page, "multi_currency.csv");
  await page.getByTestId("nav-settings").click();
  await page.getByTestId("setting-company").fill("华东精密机械有限公司");
  await page.getByTestId("setting-company").press("Tab");
  await page.getByTestId("last-backup").waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download").click()]);
  const file = await download.path();
  const backup = JSON.parse(await readFile(file, "utf8"));
  assert.equal(backup.format, "ar-sentinel-backup");
  assert.equal(backup.pool.invoices.length, 11);
  const before = await ledgerNumbers(page);

  const fresh = await browser.newContext();
  const other = await openApp(fresh, server.url);
  assert.deepEqual(await ledgerNumbers(other), []);
  await other.getByTestId("nav-settings").click();
  await other.getByTestId("restore-input").setInputFiles(file);
  await other.getByTestId("restore-preview").waitFor();
  await other.getByTestId("restore-replace").click();
  await other.getByTestId("restore-result").waitFor();
  assert.equal(await other.getByTestId("setting-company").inputValue(), "华东精密机械有限公司");
  assert.deepEqual(await ledgerNumbers(other), before);
  await reloadApp(other);
  assert.deepEqual(await ledgerNumbers(other), before);

  // A file that is not a backup is refused and changes nothing.
  await other.getByTestId("nav-settings").click();
  await other.getByTestId("restore-input").setInputFiles(join(FIXTURES, "import", "multi_currency.csv"));
  await other.getByTestId("restore-result").waitFor();
  assert.match(await other.getByTestId("restore-result").innerText(), /JSON|备份|backup/i);
  assert.deepEqual(await ledgerNumbers(other), before);
  await fresh.close();
  await context.close();
});
