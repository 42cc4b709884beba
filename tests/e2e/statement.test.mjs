// Statements of account on hand-computed figures, and a hostile cell neutralised in the export.
//   C100 宁波港机: FP-001 10,000 (01-10), FP-002 5,000 (02-20, due 03-22), FP-003 8,000 (03-15,
//   due 04-14); receipts SK-01 4,000 (02-25) and SK-02 6,000 (03-20), both on FP-001.
//   March 2026: opening (as of 02-28) 15,000 − 4,000 = 11,000; + FP-003 8,000 − SK-02 6,000
//   = closing 13,000; at 03-31 FP-002 is 9 days overdue (1–30: 5,000), FP-003 not yet due (8,000).
//   C200's name is a formula; its FP-900 (due 03-01) is overdue.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, FIXTURES } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

const fixture = (name) => join(FIXTURES, "statement", name);
const attrs = (loc) => loc.evaluateAll((els) => els.map(({ dataset: { testid, ...d } }) => d));

test("a statement's opening and closing balances, entries and aging; every overdue customer's at once", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.getByTestId("import-input").setInputFiles([fixture("invoices.csv"), fixture("receipts.csv")]);
  await page.getByTestId("import-file").nth(1).waitFor();
  await page.getByTestId("import-commit").click();
  await page.getByTestId("import-summary").waitFor();
  await page.getByTestId("asof-date").fill("2026-03-31");

  await page.goto(`${server.url}#/customer?code=C100`);
  await page.getByTestId("customer-statement-link").click();
  const s = page.locator("[data-testid=statement][data-customer=C100]");
  await s.waitFor();
  assert.deepEqual(await attrs(s.getByTestId("statement-opening")), [{ currency: "CNY", amount: "11000.00" }]);
  assert.deepEqual(await attrs(s.getByTestId("statement-closing")), [{ currency: "CNY", amount: "13000.00" }]);
  assert.deepEqual(await attrs(s.getByTestId("statement-entry")), [
    { number: "FP-003", kind: "invoice" },
    { number: "SK-02", kind: "payment" },
  ]);
  assert.deepEqual((await attrs(s.getByTestId("statement-aging"))).filter((b) => b.amount !== "0.00"), [
    { currency: "CNY", amount: "8000.00", to: "0" },
    { currency: "CNY", amount: "5000.00", from: "1", to: "30" },
  ]);
  // Another period: February alone closes where March opens.
  await page.getByTestId("statement-from").fill("2026-02-01");
  await page.getByTestId("statement-to").fill("2026-02-28");
  await page.locator("[data-testid=statement-closing][data-amount='11000.00']").waitFor();

  await page.getByTestId("nav-dashboard").click();
  await page.getByTestId("statements-overdue").click();
  await page.locator("[data-testid=statement]").nth(1).waitFor();
  assert.deepEqual(await page.getByTestId("statement").evaluateAll((els) => els.map((e) => e.dataset.customer)), ["C100", "C200"]);
  assert.match(await page.locator("[data-testid=statement][data-customer=C200] header").innerText(), /=HYPERLINK/, "shown as text");
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("an exported CSV with a hostile cell comes out neutralised", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.getByTestId("import-input").setInputFiles(fixture("invoices.csv"));
  await page.getByTestId("import-file").waitFor();
  await page.getByTestId("import-commit").click();
  await page.getByTestId("import-summary").waitFor();
  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("ledger-status").selectOption("all");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("ledger-export").click()]);
  const csv = await readFile(await download.path(), "utf8");
  const line = csv.split("\r\n").find((l) => l.startsWith("FP-900,"));
  assert.ok(line.includes(`"'=HYPERLINK(""http://evil.invalid/?x"",""点我"")"`), line);
  assert.ok(!/,=HYPERLINK/.test(csv), "no cell starts with =");
  await context.close();
});
