// The dashboard on a fixture with hand-computed answers (Kingdee GBK open items, as of
// 2026-03-31): totals, each aging bucket to the cent, a ranking, and a drill-down that lands
// on exactly the invoices behind a figure.
//   open:   0001 AR2026-0001 1,234.50 (due 02-04, 55 days) · AR2026-0007 6,000.00 (03-12, 19 days)
//           0002 AR2026-0003 49,400.00 (58,000 − 8,000 paid − 600 credit note; 03-20, 11 days)
//                AR2026-0012 2,600.00 (due 04-14) · 0010 AR2026-0009 2,000.00 (due 04-29)
//   total 61,234.50; overdue 56,634.50; not yet due 4,600.00 (2); 1–30 55,400.00 (2);
//   31–60 1,234.50 (1); 61–90, 91–180, over 180: 0.00 (0).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, importFile, FIXTURES } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

test("totals, aging buckets, ranking and drill-down match the hand-computed figures", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await importFile(page, join(FIXTURES, "import", "kingdee_open_items_gbk.csv"));
  await page.getByTestId("import-summary").waitFor();
  await page.getByTestId("asof-date").fill("2026-03-31");
  await page.getByTestId("nav-dashboard").click();
  const attrs = (loc) => loc.evaluateAll((els) => els.map((e) => ({ ...e.dataset })));

  assert.deepEqual(await attrs(page.getByTestId("total-ar")), [{ testid: "total-ar", currency: "CNY", amount: "61234.50" }]);
  assert.deepEqual(await attrs(page.getByTestId("overdue-ar")), [{ testid: "overdue-ar", currency: "CNY", amount: "56634.50" }]);
  // DSO by hand. Receivables 61 234.50; credit sales dated 2026-01-01..03-31 (the -600.00
  // credit note is not a sale) 82 724.62. Standard: 61 234.50 ÷ 82 724.62 × 90 = 66.6199 → 66.62.
  // Countback: March sold 2 600.00 (31 days, 58 634.50 left), February 13 000.00 (28 days,
  // 45 634.50 left), January 67 124.62 > 45 634.50: 45 634.50 ÷ 67 124.62 × 31 = 21.08 → 80.08.
  assert.equal(await page.getByTestId("dso-standard").innerText(), "66.62");
  assert.equal(await page.getByTestId("dso-countback").innerText(), "80.08");
  const buckets = (await attrs(page.getByTestId("aging-bucket"))).map(({ testid, ...b }) => b);
  assert.deepEqual(buckets, [
    { to: "0", currency: "CNY", amount: "4600.00", count: "2" },
    { from: "1", to: "30", currency: "CNY", amount: "55400.00", count: "2" },
    { from: "31", to: "60", currency: "CNY", amount: "1234.50", count: "1" },
    { from: "61", to: "90", currency: "CNY", amount: "0.00", count: "0" },
    { from: "91", to: "180", currency: "CNY", amount: "0.00", count: "0" },
    { from: "181", currency: "CNY", amount: "0.00", count: "0" },
  ]);
  assert.deepEqual(
    await page.getByTestId("rank-customer").evaluateAll((els) => els.map((e) => e.dataset.customer)),
    ["0002", "0001"],
  );

  await page.locator('[data-testid=aging-bucket][data-from="1"]').click();
  await page.getByTestId("page-ledger").waitFor();
  const numbers = await page.getByTestId("ledger-row").evaluateAll((rs) => rs.map((r) => r.dataset.invoice).sort());
  assert.deepEqual(numbers, ["AR2026-0003", "AR2026-0007"]);
  assert.deepEqual(page.errors, []);
  await context.close();
});
