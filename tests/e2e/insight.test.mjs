// The dashboard's charts, trend, drill-down breadcrumb, settings and XLSX exports on the
// Kingdee fixture (tests/fixtures/import/kingdee_open_items_gbk.csv, report date 2026-03-31,
// so the paid amounts it lists are payments dated 2026-03-31), as of 2026-03-31.
// Hand-computed:
//   aging (0/30/60/90/180): not yet due 4,600.00 (2) · 1–30 55,400.00 (2) · 31–60 1,234.50 (1)
//   trend at 2026-02-28: every invoice dated by then is still wholly open —
//     AR2026-0001 1,234.50 + 0003 58,000.00 + 0005 7,890.12 + 0007 10,000.00 + 0009 3,000.00
//     = 80,124.62 receivables; overdue (due before 02-28): 0001 (due 02-04) 1,234.50 +
//     0005 (due 01-31) 7,890.12 = 9,124.62. At 2026-01-31: 0001 + 0003 + 0005 = 67,124.62,
//     nothing overdue (0005 falls due that day). At 2026-03-31: the dashboard's totals.
//     At 2026-04-30: the same 61,234.50 open, all of it overdue.
//   edges 15, 45: 1–15 days is AR2026-0003 only (11 days; 49,400.00); 16–45 is AR2026-0007
//     (19 days; 6,000.00); 46+ is AR2026-0001 (55 days).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, reloadApp, importFile, FIXTURES } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

const attrs = (loc) => loc.evaluateAll((els) => els.map(({ dataset: { testid, ...d } }) => d));

async function dashboardWithFixture(context) {
  const page = await openApp(context, server.url);
  await importFile(page, join(FIXTURES, "import", "kingdee_open_items_gbk.csv"));
  await page.getByTestId("import-summary").waitFor();
  await page.getByTestId("asof-date").fill("2026-03-31");
  await page.getByTestId("nav-dashboard").click();
  await page.getByTestId("aging-chart").waitFor();
  return page;
}

test("aging chart bars equal the buckets, the trend has the hand-computed month-ends", async () => {
  const context = await browser.newContext();
  const page = await dashboardWithFixture(context);

  assert.deepEqual(await attrs(page.getByTestId("aging-chart")), [{ currency: "CNY" }]);
  const bars = await attrs(page.getByTestId("aging-bar"));
  const buckets = (await attrs(page.getByTestId("aging-bucket"))).map(({ count, ...b }) => b);
  assert.deepEqual(bars, buckets);
  assert.deepEqual(bars.slice(0, 3), [
    { to: "0", currency: "CNY", amount: "4600.00" },
    { from: "1", to: "30", currency: "CNY", amount: "55400.00" },
    { from: "31", to: "60", currency: "CNY", amount: "1234.50" },
  ]);
  // Labels in words and figures: the amount with separators and currency is on the bar.
  assert.match(await page.locator('[data-testid=aging-bar][data-from="1"]').textContent(), /¥55,400\.00 \(2\)/);
  assert.deepEqual(await attrs(page.getByTestId("customer-bar")), [
    { customer: "0002", currency: "CNY", amount: "49400.00" },
    { customer: "0001", currency: "CNY", amount: "7234.50" },
  ]);

  assert.deepEqual(await attrs(page.getByTestId("trend-chart")), [{ currency: "CNY" }]);
  const rows = await attrs(page.getByTestId("trend-row"));
  assert.equal(rows.length, 12);
  assert.equal(rows[0].monthEnd, "2025-04-30");
  assert.deepEqual(rows.slice(-3), [
    { monthEnd: "2026-01-31", currency: "CNY", receivables: "67124.62", overdue: "0.00" },
    { monthEnd: "2026-02-28", currency: "CNY", receivables: "80124.62", overdue: "9124.62" },
    { monthEnd: "2026-03-31", currency: "CNY", receivables: "61234.50", overdue: "56634.50" },
  ]);
  // A month on (as of 2026-05-02): eleven points kept, 2026-04-30 added — by then every
  // open invoice is past due (AR2026-0009, due 04-29, by one day): 61,234.50 all overdue.
  await page.getByTestId("asof-date").fill("2026-05-02");
  await page.locator('[data-testid=trend-row][data-month-end="2026-04-30"]').waitFor();
  const may = await attrs(page.getByTestId("trend-row"));
  assert.equal(may.length, 12);
  assert.deepEqual(may.slice(-3), [
    ...rows.slice(-2),
    { monthEnd: "2026-04-30", currency: "CNY", receivables: "61234.50", overdue: "61234.50" },
  ]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a drill-down shows a breadcrumb that leads back to the dashboard", async () => {
  const context = await browser.newContext();
  const page = await dashboardWithFixture(context);

  await page.locator('[data-testid=aging-bar][data-from="31"]').click();
  await page.getByTestId("page-ledger").waitFor();
  assert.deepEqual(await page.getByTestId("ledger-row").evaluateAll((rs) => rs.map((r) => r.dataset.invoice)), ["AR2026-0001"]);
  assert.equal(await page.getByTestId("breadcrumb").innerText(), "看板 › 账龄 31–60 天 · CNY");
  await page.getByTestId("breadcrumb-dashboard").click();
  await page.getByTestId("page-dashboard").waitFor();

  await page.locator('[data-testid=rank-customer][data-customer="0002"] a').click();
  await page.getByTestId("page-ledger").waitFor();
  assert.equal(await page.getByTestId("breadcrumb").innerText(), "看板 › 客户 深圳精密科技有限公司 (0002) · 逾期应收 · CNY");
  await page.getByTestId("lang-switch").click();
  assert.equal(await page.getByTestId("breadcrumb").innerText(), "Dashboard › Customer 深圳精密科技有限公司 (0002) · Overdue receivables · CNY");

  // The ledger opened from the navigation has no breadcrumb.
  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("ledger-row").first().waitFor();
  assert.equal(await page.getByTestId("breadcrumb").count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("aging edges are validated, saved, used by the ledger's drill-down, and kept after a reload", async () => {
  const context = await browser.newContext();
  const page = await dashboardWithFixture(context);

  await page.locator("[data-testid=insight-settings] summary").click();
  await page.getByTestId("aging-edges").fill("45, 15");
  await page.getByTestId("insight-settings-save").click();
  assert.equal(await page.getByTestId("insight-settings-message").innerText(), "分段 #2「15」必须大于前一个分段（45） — 未保存任何更改");
  assert.equal(await page.getByTestId("aging-bar").count(), 6, "nothing changed");

  await page.getByTestId("aging-edges").fill("15, 45");
  await page.getByTestId("insight-settings-save").click();
  await page.locator('[data-testid=aging-bar][data-to="15"]').waitFor();
  assert.deepEqual(await attrs(page.getByTestId("aging-bar")), [
    { to: "0", currency: "CNY", amount: "4600.00" },
    { from: "1", to: "15", currency: "CNY", amount: "49400.00" },
    { from: "16", to: "45", currency: "CNY", amount: "6000.00" },
    { from: "46", currency: "CNY", amount: "1234.50" },
  ]);
  await page.locator('[data-testid=aging-bar][data-to="15"]').click();
  await page.getByTestId("page-ledger").waitFor();
  assert.deepEqual(await page.getByTestId("ledger-row").evaluateAll((rs) => rs.map((r) => r.dataset.invoice)), ["AR2026-0003"]);
  assert.equal(await page.getByTestId("breadcrumb").innerText(), "看板 › 账龄 1–15 天 · CNY");

  await reloadApp(page);
  await page.getByTestId("asof-date").fill("2026-03-31");
  await page.getByTestId("nav-dashboard").click();
  await page.locator('[data-testid=aging-bar][data-to="45"]').waitFor();
  assert.equal(await page.getByTestId("aging-bar").count(), 4);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("tables download as XLSX beside CSV", async () => {
  const context = await browser.newContext();
  const page = await dashboardWithFixture(context);
  const save = async (hook) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(hook).click()]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  };
  const aging = await save("aging-export-xlsx");
  assert.equal(aging.name, "aging-2026-03-31.xlsx");
  assert.equal(aging.bytes.subarray(0, 2).toString("latin1"), "PK");
  assert.ok(aging.bytes.length > 500);
  assert.ok(aging.bytes.includes(Buffer.from("xl/worksheets/sheet1.xml")));
  const csv = await save("aging-export");
  assert.equal(csv.name, "aging-2026-03-31.csv");
  assert.ok(csv.bytes.toString("utf8").includes("\r\n1–30 天 days,1,30,CNY,55400.00,2\r\n"));
  assert.equal((await save("rankings-export-xlsx")).bytes.subarray(0, 2).toString("latin1"), "PK");
  assert.equal((await save("trend-export-xlsx")).name, "trend-2026-03-31.xlsx");

  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("ledger-row").first().waitFor();
  const ledger = await save("ledger-export-xlsx");
  assert.equal(ledger.name, "ledger-2026-03-31.xlsx");
  assert.equal(ledger.bytes.subarray(0, 2).toString("latin1"), "PK");
  assert.deepEqual(page.errors, []);
  await context.close();
});
