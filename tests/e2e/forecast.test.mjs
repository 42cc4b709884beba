// Payment prediction and the cash forecast, as a user meets them: import a Chinese register
// with two years of settled history (tests/fixtures/forecast/history_register.csv, written
// by make_history.mjs there; customers with distinct habits), set the as-of date to the day
// it was exported (2026-03-31), then:
//   - the 13-week forecast adds up to the open total to the cent, and a week drills down to
//     exactly its invoices;
//   - the backtest (cut-off 2025-12-31) trains on what was known then and the model beats
//     both baselines on MAE and Brier score;
//   - forecast-export downloads one row per open invoice; 0001 (always 10 days late) has
//     AR000039, due 2026-04-06, expected about 2026-04-16;
//   - the ledger and the customer's page show a late-risk badge per open invoice, which
//     opens the explanation;
//   - the late-risk threshold is checked, applied and survives a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, reloadApp, FIXTURES } from "./harness.mjs";

const HISTORY = join(FIXTURES, "forecast", "history_register.csv");
const cents = (s) => Math.round(Number(s) * 100);
// The fixture's open invoices: no 结清日期 (column 8).
const openRows = readFileSync(HISTORY, "utf8").trim().split("\r\n").slice(1)
  .map((l) => l.split(",")).filter((c) => c[7] === "");
const openCents = openRows.reduce((a, c) => a + cents(c[6]), 0);

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

async function importHistory(page) {
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(HISTORY);
  await page.getByTestId("import-file").waitFor();
  await page.getByTestId("import-commit").click();
  const summary = page.getByTestId("import-summary");
  await summary.waitFor();
  assert.equal(await summary.getAttribute("data-imported"), "402");
  assert.equal(await summary.getAttribute("data-rejected"), "0");
  await page.getByTestId("asof-date").fill("2026-03-31");
}

const value = async (page, id) => Number(await page.getByTestId(id).getAttribute("data-value"));

test("forecast, backtest, export, ledger badge and explanation on a settled history", async () => {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await openApp(context, server.url);
  await importHistory(page);
  await page.getByTestId("nav-forecast").click();
  await page.getByTestId("page-forecast").waitFor();
  await page.getByTestId("forecast-chart").waitFor();

  assert.equal(await value(page, "forecast-open"), openRows.length);
  assert.ok(await value(page, "forecast-trained") > 300);

  // 13 weeks and "later", adding up to the open total exactly; every invoice in one bucket.
  const weeks = await page.getByTestId("forecast-week").evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
  assert.equal(weeks.length, 14);
  assert.deepEqual(weeks.map((w) => w.week), [..."123456789".split(""), "10", "11", "12", "13", "later"]);
  assert.equal(weeks[0].start, "2026-04-01");
  assert.equal(weeks[0].end, "2026-04-07");
  assert.equal(weeks.reduce((a, w) => a + cents(w.expected), 0), openCents);
  assert.equal(weeks.reduce((a, w) => a + Number(w.count), 0), openRows.length);
  for (const w of weeks) {
    assert.ok(cents(w.low) <= cents(w.expected) && cents(w.expected) <= cents(w.high), JSON.stringify(w));
  }
  assert.equal(await page.getByTestId("forecast-bar").count(), 14);

  // Drill down: the busiest week lists exactly its invoices, each expected inside the week.
  const busiest = weeks.reduce((b, w, i) => (Number(w.count) > Number(weeks[b].count) ? i : b), 0);
  await page.getByTestId("forecast-week-show").nth(busiest).click();
  await page.getByTestId("forecast-week-invoices").waitFor();
  const listed = await page.getByTestId("forecast-expected").evaluateAll((els) => els.map((e) => e.dataset.value));
  assert.equal(listed.length, Number(weeks[busiest].count));
  for (const d of listed) assert.ok(d >= weeks[busiest].start && d <= weeks[busiest].end, d);

  // Backtest: a bad cut-off gets a clear message, then the real run.
  await page.getByTestId("backtest-cutoff").fill("2026-04-30");
  await page.getByTestId("backtest-run").click();
  await page.getByTestId("backtest-error").waitFor();
  await page.getByTestId("backtest-cutoff").fill("2025-12-31");
  await page.getByTestId("backtest-run").click();
  const result = page.getByTestId("backtest-result");
  await result.waitFor();
  assert.equal(await result.getAttribute("data-cutoff"), "2025-12-31");
  assert.equal(await result.getAttribute("data-horizon"), "2026-03-31");
  const scored = await value(page, "backtest-evaluated");
  assert.ok(scored >= 40, `scored ${scored}`);
  assert.ok(await value(page, "backtest-trained") > 200);
  const [mae, maeDue, maeMean] = [await value(page, "backtest-mae-model"), await value(page, "backtest-mae-due"), await value(page, "backtest-mae-mean")];
  const [brier, brierDue, brierMean] = [await value(page, "backtest-brier-model"), await value(page, "backtest-brier-due"), await value(page, "backtest-brier-mean")];
  assert.ok(mae < maeDue && mae < maeMean, `MAE model ${mae}, due date ${maeDue}, customer mean ${maeMean}`);
  assert.ok(brier < brierDue && brier < brierMean, `Brier model ${brier}, due date ${brierDue}, customer mean ${brierMean}`);

  // Export: one row per open invoice, bilingual header.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("forecast-export").click()]);
  assert.equal(download.suggestedFilename(), "forecast-2026-03-31.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  const header = lines[0].split(",");
  for (const h of ["单据编号 Invoice No", "客户名称 Customer", "到期日 Due Date", "预计回款日 Expected Payment Date", "逾期风险 Late Risk"]) {
    assert.ok(header.includes(h), `${h} in ${lines[0]}`);
  }
  assert.equal(lines.length - 1, openRows.length);
  const col = (name) => header.indexOf(name);
  const row = lines.map((l) => l.split(",")).find((c) => c[0] === "AR000039");
  assert.equal(row[col("客户名称 Customer")], "苏州精密机械有限公司");
  assert.equal(row[col("到期日 Due Date")], "2026-04-06");
  const expected = row[col("预计回款日 Expected Payment Date")];
  assert.ok(["2026-04-15", "2026-04-16", "2026-04-17"].includes(expected), expected);
  const risk = Number(row[col("逾期风险 Late Risk")]);
  assert.ok(risk >= 0 && risk < 0.05, `risk ${risk}`);

  // A rule on late risk (≥ 50 %, any day) reaches exactly the invoices the export rates so,
  // but for disputed ones (争议 = 是), which a new rule skips like the default ones.
  const disputed = new Set(openRows.filter((c) => c[8] === "是").map((c) => c[2]));
  const risky = lines.slice(1).map((l) => l.split(","))
    .filter((c) => Number(c[col("逾期风险 Late Risk")]) >= 0.5 && !disputed.has(c[0])).map((c) => c[0]).sort();
  assert.ok(risky.length > 0 && risky.length < openRows.length, `${risky.length} risky of ${openRows.length}`);
  await page.getByTestId("nav-rules").click();
  await page.getByTestId("rule-add").click();
  for (const [field, v] of [["rule-days-from", "-3650"], ["rule-days-to", ""], ["rule-late-risk", "50"]]) {
    await page.getByTestId(field).fill(v);
    await page.getByTestId(field).dispatchEvent("change");
  }
  await page.getByTestId("rules-save").click();
  await page.getByTestId("rules-status").waitFor();
  const rule = String(await page.getByTestId("rule-count").count());
  await page.getByTestId("nav-reminders").click();
  await page.getByTestId("reminder").first().waitFor();
  const reached = await page.locator(`[data-testid=reminder][data-rule="${rule}"]`).evaluateAll((els) => els.map((e) => e.dataset.invoices).sort());
  assert.deepEqual(reached, risky);

  // Ledger: a late-risk badge on every open invoice; one opens the explanation.
  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("ledger-status").selectOption("open");
  const badges = await page.getByTestId("late-risk").evaluateAll((els) => els.map((e) => Number(e.dataset.value)));
  assert.equal(badges.length, openRows.length);
  assert.ok(badges.every((r) => r >= 0 && r <= 1));
  // (Searched first: clicking into a scrolled virtual list can hit a row that was re-rendered.)
  await page.getByTestId("ledger-search").fill("AR000039");
  await page.getByTestId("ledger-count").and(page.locator("[data-count='1']")).waitFor();
  await page.locator('[data-testid=ledger-row][data-invoice="AR000039"] [data-testid=late-risk]').click();
  const explain = page.getByTestId("forecast-explain");
  await explain.waitFor();
  assert.equal(await explain.getAttribute("data-invoice"), "AR000039");
  assert.equal(await page.getByTestId("explain-expected").getAttribute("data-value"), expected);
  assert.ok(await value(page, "explain-settled") >= 30);
  assert.ok(await value(page, "explain-credibility") > 0.5);
  assert.ok(await page.getByTestId("explain-history-row").count() > 0);
  assert.equal(await page.getByTestId("explain-feature").count(), 6);

  // The customer's page: a badge on each of 0001's three open invoices, none on settled ones.
  await page.evaluate(() => { location.hash = "#/customer?code=0001"; });
  await page.getByTestId("page-customer").waitFor();
  assert.equal(await page.getByTestId("customer-invoice").count(), 40);
  assert.equal(await page.locator("[data-testid=customer-invoice] [data-testid=late-risk]").count(), 3);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the late-risk threshold is checked, changes the risks and survives a reload", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  // Before any data: a clear message, and a backtest that says why it cannot score.
  await page.getByTestId("nav-forecast").click();
  await page.getByTestId("forecast-empty").waitFor();
  await page.getByTestId("backtest-run").click();
  await page.getByTestId("backtest-error").waitFor();
  assert.equal(await page.getByTestId("backtest-result").count(), 0);

  await importHistory(page);
  await page.getByTestId("nav-forecast").click();
  assert.equal(await page.getByTestId("forecast-empty").count(), 0);
  const field = page.getByTestId("late-threshold");
  assert.equal(await field.inputValue(), "30");
  const high = await value(page, "forecast-high-risk");

  await field.fill("999");
  await field.dispatchEvent("change");
  await page.getByTestId("late-threshold-error").waitFor();
  assert.equal(await value(page, "forecast-high-risk"), high, "a refused value changes nothing");

  // Paid more than 0 days after due is far likelier than more than 30.
  await field.fill("0");
  await field.dispatchEvent("change");
  await page.waitForFunction((h) => Number(document.querySelector("[data-testid=forecast-high-risk]").dataset.value) > h, high);
  assert.equal(await page.getByTestId("late-threshold-error").count(), 0);

  await reloadApp(page);
  await page.getByTestId("page-forecast").waitFor();
  await page.waitForFunction(() => document.querySelector("[data-testid=late-threshold]")?.value === "0");
  assert.deepEqual(page.errors, []);
  await context.close();
});
