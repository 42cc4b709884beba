// Credit control and approvals as a user meets them, on a hand-built year of history
// (tests/fixtures/credit/, figures computed by hand in src/import/pipeline/tests/credit_fixture.rs):
// grades and their explanation, an over-limit flag, a policy exception on a 60-day order, a
// payment-term extension approved twice (due date moved, original kept, the trail complete),
// and a rejected one that leaves everything as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, reloadApp, FIXTURES } from "./harness.mjs";

const FILES = ["customers.csv", "history.csv", "orders.csv", "staff.csv"].map((f) => join(FIXTURES, "credit", f));
let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

const attrs = (loc) => loc.evaluateAll((els) => els.map((e) => ({ ...e.dataset })));
const strip = (rows) => rows.map(({ testid, ...rest }) => rest);

/** A fresh browser with the credit fixture imported, as of 2026-06-30. */
async function setUp() {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  // The date first, so every grade is recorded as of it.
  await page.getByTestId("asof-date").fill("2026-06-30");
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(FILES);
  await page.getByTestId("import-file").nth(FILES.length - 1).waitFor();
  assert.equal(await page.getByTestId("import-error").count(), 0);
  await page.getByTestId("import-commit").click();
  const summary = page.getByTestId("import-summary");
  await summary.waitFor();
  assert.equal(await summary.getAttribute("data-rejected"), "0");
  return { context, page };
}

async function ledgerRow(page, invoice) {
  await page.getByTestId("nav-ledger").click();
  const row = page.locator(`[data-testid=ledger-row][data-invoice="${invoice}"]`);
  await row.waitFor();
  return {
    due: await row.getByTestId("ledger-due").textContent(),
    original: await row.getByTestId("due-original").evaluateAll((els) => els.map((e) => e.dataset.date)),
    pending: await row.getByTestId("extension-pending").count(),
    open: await row.getByTestId("ledger-open").getAttribute("data-amount"),
    text: await row.innerText(),
  };
}

async function iAm(page, name) {
  await page.getByTestId("nav-approvals").click();
  await page.getByTestId("whoami").selectOption(name);
  await page.waitForFunction((n) => document.querySelector("[data-testid=whoami]")?.value === n, name);
}

async function requestExtension(page, invoice, newDue, reason, promised = "") {
  await page.getByTestId("nav-approvals").click();
  await page.getByTestId("req-number").fill(invoice);
  await page.getByTestId("req-new-due").fill(newDue);
  await page.getByTestId("req-reason").fill(reason);
  await page.getByTestId("req-promised").fill(promised);
  await page.getByTestId("req-submit").click();
  const message = page.getByTestId("req-message");
  await message.waitFor();
  return { ok: await message.getAttribute("data-ok"), text: await message.textContent() };
}

/** Decides the request waiting in the chosen person's to-do. */
async function decideTodo(page, number, button, comment) {
  const item = page.locator(`[data-testid=todo-item][data-number="${number}"]`);
  await item.waitFor();
  await item.getByTestId("step-comment").fill(comment);
  await item.getByTestId(button).click();
  await item.waitFor({ state: "detached" });
}

const card = (page, number) => page.locator(`[data-testid=request][data-number="${number}"]`);

test("grades from a hand-built history, their explanation and history, limits and the policy exception", async () => {
  const { context, page } = await setUp();
  await page.getByTestId("nav-credit").click();
  await page.getByTestId("credit-row").first().waitFor();
  assert.deepEqual(strip(await attrs(page.getByTestId("credit-row"))), [
    { customer: "C001", grade: "A", score: "82.6" },
    { customer: "C002", grade: "D", score: "33.2" },
    { customer: "C003", grade: "insufficient_history" },
  ]);
  assert.deepEqual(strip(await attrs(page.getByTestId("limit-flag"))), [{ customer: "C002", flag: "over_limit" }]);
  const c2 = await page.locator("[data-testid=credit-row][data-customer=C002]").innerText();
  assert.match(c2, /款到发货/, "grade D suggests cash before delivery");

  // The customer page explains the grade factor by factor, and keeps its history.
  await page.locator("[data-testid=credit-row][data-customer=C001] a").click();
  await page.getByTestId("page-customer").waitFor();
  assert.deepEqual(strip(await attrs(page.getByTestId("customer-grade"))), [{ grade: "A", score: "82.6" }]);
  assert.deepEqual(strip(await attrs(page.getByTestId("grade-factor"))), [
    { kind: "on_time_by_count", value: "75.0%", weight: "20" },
    { kind: "on_time_by_amount", value: "60.0%", weight: "20" },
    { kind: "average_days_late", value: "4.0 d", weight: "15" },
    { kind: "worst_days_late", value: "10.0 d", weight: "10" },
    { kind: "overdue_ratio", value: "0.0%", weight: "15" },
    { kind: "disputes", value: "0", weight: "5" },
    { kind: "tenure", value: "355.0 d", weight: "5" },
    { kind: "limit_use", value: "50.0%", weight: "10" },
  ]);
  assert.match(await page.getByTestId("credit-suggestion").innerText(), /最长60天.*30天/);
  assert.deepEqual(strip(await attrs(page.getByTestId("grade-history-entry"))), [{ on: "2026-06-30", to: "A" }]);
  // A month later AR2026-105 is 30 days overdue: the grade falls to C and the change is kept.
  await page.getByTestId("asof-date").fill("2026-07-31");
  await page.locator("[data-testid=customer-grade][data-grade=C]").waitFor();
  assert.deepEqual(strip(await attrs(page.getByTestId("grade-history-entry"))), [
    { on: "2026-07-31", from: "A", to: "C" },
    { on: "2026-06-30", to: "A" },
  ]);
  // Back to June: recomputing adds nothing.
  await page.getByTestId("asof-date").fill("2026-06-30");
  await page.locator("[data-testid=customer-grade][data-grade=A]").waitFor();
  assert.equal(await page.getByTestId("grade-history-entry").count(), 2);
  // The history survives a reload (which rates again as of today, and may add today's grade).
  await reloadApp(page);
  await page.locator("[data-testid=grade-history-entry][data-on='2026-07-31'][data-from=A][data-to=C]").waitFor();
  await page.locator("[data-testid=grade-history-entry][data-on='2026-06-30'][data-to=A]").waitFor();

  // The dashboard: the over-limit customer and the 60-day order without approval.
  await page.getByTestId("asof-date").fill("2026-06-30");
  await page.getByTestId("nav-dashboard").click();
  await page.getByTestId("over-limit").first().waitFor();
  assert.deepEqual(strip(await attrs(page.getByTestId("over-limit"))), [{ customer: "C002", flag: "over_limit" }]);
  assert.deepEqual(strip(await attrs(page.getByTestId("policy-exception"))), [{ order: "SO2026-031", customer: "C001", days: "60" }]);

  // A rule on credit-limit use reaches exactly the over-limit customer's open invoices.
  await page.getByTestId("nav-rules").click();
  await page.getByTestId("rule-add").click();
  await page.getByTestId("rule-days-from").fill("-3650");
  await page.getByTestId("rule-days-from").dispatchEvent("change");
  await page.getByTestId("rule-days-to").fill("");
  await page.getByTestId("rule-days-to").dispatchEvent("change");
  await page.getByTestId("rule-limit-use").fill("100");
  await page.getByTestId("rule-limit-use").dispatchEvent("change");
  await page.getByTestId("rules-save").click();
  await page.getByTestId("rules-status").waitFor();
  const rule = String(await page.getByTestId("rule-count").count());
  await page.getByTestId("nav-reminders").click();
  await page.locator(`[data-testid=reminder][data-rule="${rule}"]`).first().waitFor();
  const limited = await page.locator(`[data-testid=reminder][data-rule="${rule}"]`).evaluateAll((els) => [...new Set(els.map((e) => e.dataset.customer))]);
  assert.deepEqual(limited, ["C002"]);

  // Editing the policy: bad input is refused with a clear message and changes nothing…
  await page.getByTestId("nav-credit").click();
  const field = (key) => page.locator(`[data-testid=policy-field][data-field="${key}"]`);
  await field("cutoff_a").fill("50");
  await field("cutoff_b").fill("六十");
  await page.getByTestId("policy-save").click();
  assert.match(await page.getByTestId("policy-refused").innerText(), /B 级最低分：“六十”不是有效数字/);
  await field("cutoff_b").fill("60");
  await page.getByTestId("policy-save").click();
  assert.match(await page.getByTestId("policy-refused").innerText(), /A ≥ B ≥ C/);
  assert.equal(await page.locator("[data-testid=credit-row][data-customer=C002]").getAttribute("data-grade"), "D");
  // …and a valid one re-rates at once (C ≥ 30: C002's 33.2 becomes a C).
  await field("cutoff_a").fill("80");
  await field("cutoff_c").fill("30");
  await page.getByTestId("policy-save").click();
  await page.getByTestId("policy-saved").waitFor();
  await page.locator("[data-testid=credit-row][data-customer=C002][data-grade=C]").waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("an extension approved twice moves the due date and keeps the original; a rejection changes nothing", async () => {
  const { context, page } = await setUp();
  await page.getByTestId("nav-approvals").click();
  assert.match(await page.getByTestId("no-login-note").innerText(), /没有登录/);
  // Nobody chosen yet: the request is refused with the reason.
  assert.deepEqual(await requestExtension(page, "AR2026-105", "2026-07-31", "月底资金紧张，承诺7月底付清", "50000"),
    { ok: "false", text: "请先在“审批”页选择“我是谁”" });

  await iAm(page, "张伟");
  const before105 = await ledgerRow(page, "AR2026-105");
  assert.deepEqual([before105.due, before105.original, before105.pending], ["2026-07-01", [], 0]);
  assert.equal((await requestExtension(page, "AR2026-105", "2026-07-31", "月底资金紧张，承诺7月底付清", "50,000")).ok, "true");
  assert.equal(await card(page, "AR2026-105").getAttribute("data-status"), "pending");
  assert.match(await card(page, "AR2026-105").getByTestId("request-status").innerText(), /销售经理 → 财务$/);
  const draft = await card(page, "AR2026-105").getByTestId("draft-message").inputValue();
  assert.match(draft, /^李娜：您好。张伟 提交了一项审批申请，请您以销售经理身份审批。/);
  assert.match(await card(page, "AR2026-105").getByTestId("draft-email").getAttribute("href"), /^mailto:lina@example\.com\?/);
  const pending = await ledgerRow(page, "AR2026-105");
  assert.deepEqual([pending.due, pending.pending], ["2026-07-01", 1], "collectors see the request pending");

  // The salesperson cannot approve the manager's step: refused, with the reason.
  await page.getByTestId("nav-approvals").click();
  await card(page, "AR2026-105").getByTestId("approve").click();
  assert.match(await card(page, "AR2026-105").getByTestId("step-error").innerText(), /张伟 不是销售经理/);
  assert.equal(await page.getByTestId("todo-item").count(), 0, "nothing waits for the salesperson");

  await iAm(page, "李娜");
  await decideTodo(page, "AR2026-105", "approve", "同意，请跟进");
  await iAm(page, "王芳");
  await decideTodo(page, "AR2026-105", "approve", "");
  assert.equal(await card(page, "AR2026-105").getAttribute("data-status"), "approved");
  assert.deepEqual(strip(await attrs(card(page, "AR2026-105").getByTestId("trail-entry"))), [
    { action: "submit", actor: "张伟" },
    { action: "approve", actor: "李娜", role: "Sales manager" },
    { action: "approve", actor: "王芳", role: "Finance" },
  ]);
  assert.match(await card(page, "AR2026-105").getByTestId("trail-entry").nth(1).innerText(), /同意，请跟进/);
  const after105 = await ledgerRow(page, "AR2026-105");
  assert.deepEqual([after105.due, after105.original, after105.pending, after105.open], ["2026-07-31", ["2026-07-01"], 0, "50000.00"]);
  // As of 2026-07-15 the invoice is no longer overdue: the new due date is in force.
  await page.getByTestId("asof-date").fill("2026-07-15");
  await page.getByTestId("ledger-status").selectOption("overdue");
  await page.locator("[data-testid=ledger-row][data-invoice=AR2026-204]").waitFor();
  assert.equal(await page.locator("[data-testid=ledger-row][data-invoice=AR2026-105]").count(), 0);
  await page.getByTestId("ledger-status").selectOption("all");
  // Reminders follow the new due date: none for AR2026-105 until it is overdue again.
  // (It would be 14 days overdue under the original due date.)
  await page.getByTestId("nav-reminders").click();
  await page.getByTestId("reminders-count").waitFor();
  assert.equal(await page.locator("[data-testid=reminder][data-invoices=AR2026-105]").count(), 0);
  await page.getByTestId("asof-date").fill("2026-08-02");
  const again = page.locator("[data-testid=reminder][data-invoices=AR2026-105]");
  await again.waitFor();
  assert.deepEqual([await again.getAttribute("data-rule"), await again.getAttribute("data-days")], ["1", "2"]);
  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("asof-date").fill("2026-06-30");

  // A rejection: the request ends, and the invoice is exactly as before.
  await iAm(page, "张伟");
  const before204 = await ledgerRow(page, "AR2026-204");
  assert.equal((await requestExtension(page, "AR2026-204", "2026-07-31", "客户申请延期")).ok, "true");
  assert.equal((await ledgerRow(page, "AR2026-204")).pending, 1);
  await iAm(page, "李娜");
  const item = page.locator("[data-testid=todo-item][data-number=AR2026-204]");
  await item.getByTestId("reject").click();
  assert.match(await item.getByTestId("step-error").innerText(), /驳回须填写意见/);
  await decideTodo(page, "AR2026-204", "reject", "已逾期51天，不同意延期");
  assert.equal(await card(page, "AR2026-204").getAttribute("data-status"), "rejected");
  assert.equal(await card(page, "AR2026-204").getByTestId("approve").count(), 0, "a rejected request takes no more steps");
  assert.deepEqual(await ledgerRow(page, "AR2026-204"), before204);

  // Everything survives a reload.
  await reloadApp(page);
  await page.getByTestId("asof-date").fill("2026-06-30");
  assert.deepEqual((await ledgerRow(page, "AR2026-105")).original, ["2026-07-01"]);
  await page.getByTestId("nav-approvals").click();
  await page.getByTestId("request").nth(1).waitFor();
  assert.deepEqual(await page.getByTestId("request").evaluateAll((els) => els.map((e) => [e.dataset.number, e.dataset.status])),
    [["AR2026-204", "rejected"], ["AR2026-105", "approved"]]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("one click turns a policy exception into a special-terms request that the CFO also signs", async () => {
  const { context, page } = await setUp();
  await page.getByTestId("nav-dashboard").click();
  await page.getByTestId("request-approval").click();
  assert.equal(await page.getByTestId("credit-message").getAttribute("data-ok"), "false", "who am I is needed first");
  await iAm(page, "张伟");
  await page.getByTestId("nav-dashboard").click();
  await page.locator("[data-testid=request-approval][data-order=SO2026-031]").click();
  await page.locator("[data-testid=credit-message][data-ok=true]").waitFor();
  await page.locator("[data-testid=policy-exception][data-order=SO2026-031] [data-testid=exception-pending]").waitFor();
  for (const who of ["李娜", "王芳", "赵强"]) {
    await iAm(page, who);
    await decideTodo(page, "SO2026-031", "approve", "");
  }
  assert.equal(await card(page, "SO2026-031").getAttribute("data-status"), "approved");
  assert.match(await card(page, "SO2026-031").getByTestId("request-status").innerText(), /销售经理 → 财务 → 财务总监/);
  await page.getByTestId("nav-dashboard").click();
  await page.getByTestId("credit-alerts").waitFor();
  assert.equal(await page.getByTestId("policy-exception").count(), 0, "approved: no longer an exception");
  assert.deepEqual(page.errors, []);
  await context.close();
});
