// The data pool as a user fills it: drop real-looking ERP exports, check the preview, commit,
// and find exactly the right invoices and balances in the ledger — also after a reload.
// Expected figures are hand-computed in the fixtures' native tests (src/import/pipeline/tests).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, reloadApp, FIXTURES, generatedInvoices } from "./harness.mjs";

const fixture = (name) => join(FIXTURES, "import", name);
let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

async function importFiles(page, names) {
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(names.map(fixture));
  await page.getByTestId("import-file").nth(names.length - 1).waitFor();
}

async function commit(page) {
  await page.getByTestId("import-commit").click();
  const summary = page.getByTestId("import-summary");
  await summary.waitFor();
  return {
    imported: Number(await summary.getAttribute("data-imported")),
    rejected: Number(await summary.getAttribute("data-rejected")),
  };
}

/** The ledger's outstanding amounts by invoice number (all rows are in view for small pools). */
async function ledger(page, status = "all") {
  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("ledger-status").selectOption(status);
  const rows = page.getByTestId("ledger-row");
  const out = {};
  for (const row of await rows.all()) {
    out[await row.getAttribute("data-invoice")] = await row.getByTestId("ledger-open").getAttribute("data-amount");
  }
  return out;
}

const cents = (s) => Math.round(Number(s) * 100);
const sum = (o) => Object.values(o).reduce((a, v) => a + cents(v), 0);

test("a GBK Kingdee open-items export with title lines and subtotals imports exactly", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importFiles(page, ["kingdee_open_items_gbk.csv"]);
  assert.equal(await page.getByTestId("import-error").count(), 0);
  assert.deepEqual(await commit(page), { imported: 7, rejected: 0 });
  await page.getByTestId("asof-date").fill("2026-03-31");
  const open = await ledger(page, "open");
  assert.equal(sum(open), 6_123_450, "open total equals the file's 合计 未收金额 ¥61,234.50");
  assert.ok(Object.keys(open).every((n) => n.startsWith("AR2026-")), JSON.stringify(open));

  // The pool survives a reload (IndexedDB), and the export carries the same figures.
  await reloadApp(page);
  await page.getByTestId("asof-date").fill("2026-03-31");
  assert.deepEqual(await ledger(page, "open"), open);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-export").click()]);
  const csv = (await readFile(await download.path(), "utf8"));
  assert.ok(csv.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
  const [header, ...lines] = csv.slice(1).trim().split("\r\n");
  for (const col of ["Invoice No", "Customer", "Currency", "Due Date", "Outstanding", "Days Overdue"]) {
    assert.ok(header.includes(col), `${col} in ${header}`);
  }
  assert.equal(lines.length, Object.keys(open).length);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a file with broken rows lists each refused row with its line, and commits the good ones", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importFiles(page, ["broken_rows.csv"]);
  const rows = await page.getByTestId("import-error").evaluateAll((els) => els.map((e) => Number(e.dataset.row)));
  assert.deepEqual(rows.sort((a, b) => a - b), [3, 4, 5, 6, 7]);
  assert.deepEqual(await commit(page), { imported: 2, rejected: 5 });
  assert.equal(await page.getByTestId("import-error").count(), 5, "the report stays after the commit");
  // The refused rows download as CSV (header plus one line each) and as XLSX.
  const [csvFile] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-errors-export").click()]);
  const refused = (await readFile(await csvFile.path(), "utf8")).slice(1).trim().split("\r\n");
  assert.equal(csvFile.suggestedFilename(), "rejected-rows.csv");
  assert.equal(refused.length, 1 + 5);
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-errors-export-xlsx").click()]);
  assert.equal(xlsx.suggestedFilename(), "rejected-rows.xlsx");
  assert.equal((await readFile(await xlsx.path())).subarray(0, 2).toString(), "PK");
  const all = await ledger(page);
  assert.deepEqual(Object.keys(all).sort(), ["B-001", "B-007"]);
  await context.close();
});

test("an unreadable file among good ones is named, removed on its own, and the rest imports", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles([fixture("multi_currency.csv"), join(FIXTURES, "hostile", "stray_quote_gbk.csv")]);
  await page.getByTestId("import-file").nth(1).waitFor();
  assert.equal(await page.getByTestId("import-commit").isDisabled(), true);
  assert.match(await page.getByTestId("import-blocked").innerText(), /移除/);
  await page.getByTestId("import-file").nth(1).getByTestId("import-remove").click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=import-file]").length === 1);
  assert.match(await page.getByTestId("import-file").innerText(), /multi_currency\.csv/);
  assert.equal(await page.getByTestId("import-commit").isDisabled(), false);
  const { imported, rejected } = await commit(page);
  assert.ok(imported > 0 && rejected === 0, `${imported} / ${rejected}`);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("cancel writes nothing; an English register with settled dates and a multi-currency file import", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importFiles(page, ["multi_currency.csv"]);
  await page.getByTestId("import-cancel").click();
  assert.equal(await page.getByTestId("import-file").count(), 0);
  assert.deepEqual(await ledger(page), {});

  await importFiles(page, ["register_settled_en.csv", "multi_currency.csv"]);
  assert.deepEqual(await commit(page), { imported: 11, rejected: 0 });
  await page.getByTestId("asof-date").fill("2026-03-31");
  const open = await ledger(page, "open");
  await page.getByTestId("ledger-currency").selectOption("USD");
  const usd = await ledger(page, "open");
  // Register: $20,470.75 invoiced − $14,140.00 settled; multi-currency adds USD 10,000.00.
  assert.equal(sum(usd), 633_075 + 1_000_000);
  assert.ok(Object.keys(open).length > Object.keys(usd).length);

  // As of a date before the settlements, the settled invoices are open again.
  await page.getByTestId("asof-date").fill("2026-01-31");
  await page.getByTestId("ledger-currency").selectOption("USD");
  const early = await ledger(page, "open");
  assert.ok("INV-1001" in early, "settled 2026-02-01, so open on 2026-01-31");
  await context.close();
});

test("an XLSX workbook picks the sheet with the data", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importFiles(page, ["kingdee_open_items_two_sheets.xlsx"]);
  assert.equal(await page.getByTestId("import-sheet").inputValue(), "应收款明细");
  assert.deepEqual(await commit(page), { imported: 3, rejected: 0 });
  await page.getByTestId("asof-date").fill("2026-03-31");
  assert.equal(sum(await ledger(page, "open")), 5_323_450);
  await context.close();
});

test("a 30 000-row export shows its progress through every stage and imports completely", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.getByTestId("nav-import").click();
  // Record every stage the progress bar shows, however briefly.
  await page.evaluate(() => {
    window.stagesSeen = new Set();
    new MutationObserver(() => {
      for (const el of document.querySelectorAll("[data-testid=import-progress]")) window.stagesSeen.add(el.dataset.stage);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  const { buffer, totalCents: total } = generatedInvoices(30_000);
  await page.getByTestId("import-input").setInputFiles({ name: "big.csv", mimeType: "text/csv", buffer });
  await page.getByTestId("import-file").waitFor();
  assert.deepEqual(await commit(page), { imported: 30_000, rejected: 0 });
  const stages = await page.evaluate(() => [...window.stagesSeen].sort());
  assert.deepEqual(stages, ["ImportChecking", "ImportParsing", "ImportReading", "ImportSaving"]);
  await page.getByTestId("nav-ledger").click();
  assert.equal(await page.getByTestId("ledger-count").getAttribute("data-count"), "30000");
  // Virtualised: only the rows in view are in the DOM.
  assert.ok((await page.getByTestId("ledger-row").count()) < 100);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-export").click()]);
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\r\n").slice(1);
  assert.equal(lines.length, 30_000);
  const outstanding = lines.reduce((a, l) => a + cents(l.split(",")[9]), 0);
  assert.equal(outstanding, total, "every cent of the file is in the export");
  await context.close();
});
