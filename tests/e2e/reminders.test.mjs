// Rules and reminders as a user meets them: import a Yonyou receivables export and the staff
// directory, set the as-of date, and check which invoices reach which tier with the exact
// texts; then a cooldown, a promise to pay, the catch-up after days closed, the mailto: and
// .eml encodings, the signed DingTalk and Feishu payloads, and a webhook to a local server.
//
// As of 2026-03-31 (hand-computed from tests/fixtures/reminders/yonyou_receivables.csv):
//   INV-2026-031 0001 due 03-28   3 days  rule 1  张三
//   INV-2026-033 0003 due 03-30   1 day   rule 1  王五 (not in the directory: unresolved)
//   INV-2026-022 0002 due 03-20  11 days  rule 2  李四 + 赵经理 (his manager)
//   INV-2026-010 0003 due 03-10  21 days  rule 3  finance 钱会计 + director 孙总监 (王五 unresolved)
//   INV-2026-005 0004 due 02-15  44 days  rule 4  周总 + 吴总监 + 郑律师 (USD)
//   INV-2026-011 0005 disputed: no reminder · INV-2026-040 not yet due: no reminder
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, FIXTURES } from "./harness.mjs";

const fixture = (name) => join(FIXTURES, "reminders", name);
let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

const TEXTS = {
  "INV-2026-031": "【轻度逾期提醒】客户 华东机电有限公司 的订单 SO-1001 已逾期 3 天,金额 ¥12,345.60,请及时跟进。",
  "INV-2026-033": "【轻度逾期提醒】客户 北方重工集团 的订单 INV-2026-033 已逾期 1 天,金额 ¥1,000.00,请及时跟进。",
  "INV-2026-022": "【中度逾期警告】客户 深圳精密科技有限公司 的订单 SO-1002 已逾期 11 天,请销售经理督促处理,确保款项尽快回笼。",
  "INV-2026-010": "【高度逾期警告】客户 北方重工集团 账款已严重逾期 21 天,金额 ¥23,456.78,请相关负责人立即启动高级别催收程序。",
  "INV-2026-005": "【坏账风险预警】客户 西部物流有限公司 账款已逾期超30天,请决策层介入,评估是否启动法律程序。",
};

async function setup(context) {
  const page = await openApp(context, server.url);
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles([fixture("yonyou_receivables.csv"), fixture("staff_directory.csv")]);
  await page.getByTestId("import-file").nth(1).waitFor();
  await page.getByTestId("import-commit").click();
  await page.getByTestId("import-summary").waitFor();
  return page;
}

async function asOf(page, date) {
  await page.getByTestId("asof-date").fill(date);
  await page.getByTestId("nav-reminders").click();
  // The day is evaluated reactively; wait until the count is the date's run.
  await page.locator(`[data-testid=reminders-count][data-asof="${date}"]`).waitFor();
}

/** The reminders on the page, by invoice numbers. */
async function reminders(page) {
  const cards = await page.getByTestId("reminder").evaluateAll((els) => els.map((e) => ({
    rule: Number(e.dataset.rule), customer: e.dataset.customer, invoices: e.dataset.invoices,
    days: Number(e.dataset.days), text: e.querySelector("[data-testid=reminder-text]").textContent,
    recipients: e.querySelector(".recipients").textContent,
  })));
  return cards.sort((a, b) => a.invoices.localeCompare(b.invoices));
}

const card = (page, invoice) => page.locator(`[data-testid=reminder][data-invoices="${invoice}"]`);

test("each invoice reaches its tier with the seed's exact texts, recipients and the CSV export", async () => {
  const context = await browser.newContext();
  const page = await setup(context);
  await asOf(page, "2026-03-31");
  const got = await reminders(page);
  assert.deepEqual(got.map(({ rule, customer, invoices, days }) => ({ rule, customer, invoices, days })), [
    { rule: 4, customer: "0004", invoices: "INV-2026-005", days: 44 },
    { rule: 3, customer: "0003", invoices: "INV-2026-010", days: 21 },
    { rule: 2, customer: "0002", invoices: "INV-2026-022", days: 11 },
    { rule: 1, customer: "0001", invoices: "INV-2026-031", days: 3 },
    { rule: 1, customer: "0003", invoices: "INV-2026-033", days: 1 },
  ]);
  for (const r of got) assert.equal(r.text, TEXTS[r.invoices], r.invoices);
  const who = Object.fromEntries(got.map((r) => [r.invoices, r.recipients.split(/[:：]\s*/)[1]]));
  assert.equal(who["INV-2026-031"], "张三");
  assert.equal(who["INV-2026-022"], "李四、赵经理");
  assert.equal(who["INV-2026-010"], "钱会计、孙总监");
  assert.equal(who["INV-2026-005"], "周总、吴总监、郑律师");
  // 王五 is not in the directory: said so, not dropped silently.
  assert.match(await card(page, "INV-2026-033").getByTestId("reminder-warning").innerText(), /销售/);
  for (const r of got) assert.equal(await card(page, r.invoices).getByTestId("copy-reminder").count(), 1);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("reminders-export").click()]);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const [header, ...lines] = csv.trim().split("\r\n");
  assert.match(header, /Rule No/);
  assert.match(header, /Customer/);
  assert.match(header, /Invoice/);
  assert.match(header, /Days Overdue/);
  assert.match(header, /Amount/);
  assert.match(header, /Currency/);
  assert.match(header, /Recipients/);
  assert.match(header, /Channels/);
  assert.match(header, /Message/);
  assert.equal(lines.length, 5);
  const usd = lines.find((l) => l.includes("INV-2026-005")).split(",");
  assert.equal(usd[0], "4");
  assert.ok(usd.includes("8800.00") && usd.includes("USD"), usd.join("|"));
  assert.ok(lines.some((l) => l.includes(TEXTS["INV-2026-031"])));

  // The rule editor previews the same counts per rule on the as-of date.
  // The rules load from IndexedDB after the page opens: wait for the rows before reading them.
  await page.getByTestId("nav-rules").click();
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=rule-count]").length >= 4);
  const counts = await page.getByTestId("rule-count").evaluateAll((els) => els.map((e) => Number(e.dataset.count)));
  assert.deepEqual(counts.slice(0, 4), [2, 1, 1, 1]);
  assert.equal(await page.getByTestId("rule-warning").count(), 0, "the default ladder has no gaps or overlaps");
  await page.getByTestId("rule-add").click();
  await page.getByTestId("rule-warning").first().waitFor();
  assert.match((await page.getByTestId("rule-warning").allInnerTexts()).join("\n"), /#1 \/ #11/);
  await page.getByTestId("rule-delete").last().click();
  assert.equal(await page.getByTestId("rule-warning").count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("a cooldown, a promise to pay that pauses and then escalates, and the catch-up after days closed", async () => {
  const context = await browser.newContext();
  const page = await setup(context);
  await asOf(page, "2026-03-31");
  assert.equal(await page.getByTestId("reminder").count(), 5);

  // Promise to pay by 04-10 on the 21-days invoice: its reminder goes away at once.
  const c = card(page, "INV-2026-010");
  await c.locator("details.notes summary").click();
  await c.getByTestId("promise-date").fill("2026-04-10");
  await c.getByTestId("promise-amount").fill("23456.78");
  await c.getByTestId("reminder-promise").click();
  await card(page, "INV-2026-010").waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("reminder").count(), 4, "still in every total, no reminder");

  // A dispute flagged from the inbox stops the reminder; cleared, the reminder is back.
  await card(page, "INV-2026-033").getByTestId("reminder-dispute").click();
  await card(page, "INV-2026-033").waitFor({ state: "detached" });
  await page.locator("[data-testid=paused] summary").click();
  assert.equal(await page.locator("[data-testid=paused-promise][data-invoice=INV-2026-010]").count(), 1);
  await page.locator("[data-testid=paused-dispute][data-invoice=INV-2026-033]").getByTestId("clear-dispute").click();
  await card(page, "INV-2026-033").waitFor();
  assert.equal(await page.getByTestId("reminder").count(), 4);

  // Two days later every tier is cooling down and the promise holds: nothing new.
  await asOf(page, "2026-04-02");
  await page.getByTestId("reminders-empty").waitFor();
  await asOf(page, "2026-04-05");
  assert.equal(await card(page, "INV-2026-010").count(), 0, "promise pending");
  assert.deepEqual((await reminders(page)).map((r) => [r.invoices, r.rule]), [["INV-2026-022", 3], ["INV-2026-031", 2]]);

  // The promise is broken on 04-11: the invoice escalates at once (32 days: the top tier).
  await asOf(page, "2026-04-11");
  const broken = card(page, "INV-2026-010");
  await broken.waitFor();
  assert.equal(await broken.getAttribute("data-rule"), "4");
  assert.match(await broken.getByTestId("broken-promise").innerText(), /INV-2026-010 \(2026-04-10\)/);

  // Closed from 04-11 to 04-20: each invoice comes back once, at the tier it has now; the
  // 8–15 tier INV-2026-031 could have re-fired on a missed day is not created late.
  await asOf(page, "2026-04-20");
  assert.deepEqual((await reminders(page)).map((r) => [r.invoices, r.rule, r.days]), [
    ["INV-2026-022", 4, 31],
    ["INV-2026-031", 3, 23],
    ["INV-2026-033", 3, 21],
    ["INV-2026-040", 1, 1],
  ]);

  // The audit log has every creation and the promise, honestly dated.
  await page.getByTestId("reminders-tab-audit").click();
  await page.getByTestId("audit-entry").first().waitFor();
  // (Entries dated 2026-12 come from the app's first run on the real today, before the date was set.)
  const entries = await page.getByTestId("audit-entry").evaluateAll((els) => els
    .filter((e) => e.dataset.asof < "2026-05-01").map((e) => `${e.dataset.action} ${e.dataset.invoices}`));
  assert.ok(entries.includes("promise INV-2026-010"), entries.join("\n"));
  assert.equal(entries.filter((e) => e === "created INV-2026-031").length, 3, "rules 1, 2 and 3, each once");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  const csv = await readFile(await download.path(), "utf8");
  assert.match(csv, /,promise,"2026-04-10 ¥23,456\.78",/);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("mailto: and .eml drafts are encoded as mail programs expect", async () => {
  const context = await browser.newContext();
  const page = await setup(context);
  await asOf(page, "2026-03-31");
  const c = card(page, "INV-2026-022");
  const href = await c.getByTestId("reminder-mailto").getAttribute("href");
  assert.ok(href.startsWith("mailto:lisi@example.com,zhao@example.com?subject="), href);
  assert.ok(!href.includes("+") && !href.includes(" "), "spaces are %20, never +");
  const params = new URLSearchParams(href.split("?")[1].replace(/\+/g, "%2B"));
  assert.equal(params.get("subject"), "【中度逾期警告】客户 深圳精密科技有限公司 订单 SO-1002 已逾期 11 天");
  assert.equal(params.get("body"), TEXTS["INV-2026-022"]);
  assert.ok(href.length <= 1800);

  const [download] = await Promise.all([page.waitForEvent("download"), c.getByTestId("reminder-eml").click()]);
  const eml = await readFile(await download.path(), "utf8");
  const [head, body] = eml.split("\r\n\r\n");
  assert.match(head, /^X-Unsent: 1$/m);
  assert.match(head, /^MIME-Version: 1.0$/m);
  assert.match(head, /^Content-Transfer-Encoding: base64$/m);
  assert.match(head, /^To: .*lisi@example\.com.*\r?\n?.*zhao@example\.com/ms);
  const words = [...head.matchAll(/=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=/g)].map((m) => Buffer.from(m[1], "base64"));
  assert.ok(Buffer.concat(words).toString("utf8").includes("【中度逾期警告】客户 深圳精密科技有限公司 订单 SO-1002 已逾期 11 天"));
  assert.ok(!/[^\x00-\x7f]/.test(head), "headers are ASCII (encoded words)");
  assert.equal(Buffer.from(body.replace(/\r\n/g, ""), "base64").toString("utf8"), TEXTS["INV-2026-022"]);

  await page.getByTestId("reminders-tab-audit").click();
  await page.getByTestId("audit-entry").first().waitFor();
  const actions = await page.getByTestId("audit-entry").evaluateAll((els) => els.map((e) => e.dataset.action));
  assert.ok(actions.includes("eml_download"), actions.join(","));
  await context.close();
});

async function configure(page, fields) {
  await page.getByTestId("nav-rules").click();
  await page.getByTestId("rules-tab-channels").click();
  for (const [id, value] of Object.entries(fields)) await page.getByTestId(id).fill(value);
  await page.getByTestId("channels-save").click();
  await page.getByTestId("channels-reload").waitFor();
  await page.getByTestId("channels-reload-button").click();
  await page.getByTestId("nav-import").waitFor();
  await page.locator("main[data-ready=true]").waitFor();
}

async function addChannelToRule1(page, channel) {
  await page.getByTestId("nav-rules").click();
  await page.getByTestId("rule-edit").first().click();
  await page.locator(`[data-testid=rule-channel][data-channel=${channel}]`).check();
  await page.getByTestId("rules-save").click();
  await page.getByTestId("rules-status").waitFor();
}

test("DingTalk and Feishu payloads are signed as the known vectors say", async () => {
  const context = await browser.newContext();
  await context.clock.setFixedTime(1577836800000);
  const page = await setup(context);
  await configure(page, {
    "channel-dingtalk-url": "https://oapi.dingtalk.com/robot/send?access_token=abc",
    "channel-dingtalk-secret": "SECtest",
    "channel-feishu-url": "https://open.feishu.cn/open-apis/bot/v2/hook/xyz",
    "channel-feishu-secret": "demo",
  });
  await addChannelToRule1(page, "feishu");
  await asOf(page, "2026-03-31");
  const c = card(page, "INV-2026-031");
  const ding = c.locator("div.channel[data-channel=ding_talk]");
  await ding.locator("details summary").first().click();
  const curl = await ding.getByTestId("reminder-curl").innerText();
  assert.ok(curl.includes("access_token=abc&timestamp=1577836800000&sign=drlICLmsjUfpSZSa7%2BmhIyTLZHQVqxb4vc20sB3aqQU%3D"), curl);
  const dingBody = JSON.parse(await ding.getByTestId("reminder-payload").innerText());
  assert.equal(dingBody.msgtype, "markdown");
  assert.deepEqual(dingBody.at.atMobiles, ["13800000001"]);

  await page.clock.setFixedTime(1599360473000);
  await page.getByTestId("nav-ledger").click();
  await asOf(page, "2026-03-31");
  const feishu = card(page, "INV-2026-031").locator("div.channel[data-channel=feishu]");
  await feishu.locator("details summary").first().click();
  const body = JSON.parse(await feishu.getByTestId("reminder-payload").innerText());
  assert.equal(body.timestamp, "1599360473");
  assert.equal(body.sign, "l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=");
  assert.equal(body.content.text, TEXTS["INV-2026-031"]);
  // Secrets never reach the page's text or the audit log.
  assert.ok(!(await page.content()).includes("SECtest"));
  await context.close();
});

test("a generic webhook posts the reminder to a local server, signed, and the send is logged as confirmed", async () => {
  const received = [];
  const hook = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type, x-ar-sentinel-signature", "access-control-allow-methods": "POST" };
    if (req.method === "OPTIONS") { res.writeHead(204, cors).end(); return; }
    let data = "";
    req.on("data", (c) => { data += c; });
    req.on("end", () => { received.push({ headers: req.headers, body: data }); res.writeHead(200, cors).end("ok"); });
  });
  await new Promise((ok) => hook.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${hook.address().port}/hook`;
  const context = await browser.newContext();
  const page = await setup(context);
  await configure(page, { "channel-webhook-url": url, "channel-webhook-secret": "whsec-test" });
  const connect = await page.locator('meta[http-equiv="Content-Security-Policy"]').nth(1).getAttribute("content");
  assert.equal(connect, `connect-src 'self' http://127.0.0.1:${hook.address().port}`);
  await addChannelToRule1(page, "webhook");
  await asOf(page, "2026-03-31");
  const c = card(page, "INV-2026-031");
  await c.locator("[data-testid=reminder-send][data-channel=webhook]").click();
  await c.getByTestId("reminder-status").waitFor();
  assert.match(await c.getByTestId("reminder-status").innerText(), /已发送，对方已确认/);
  assert.equal(received.length, 1);
  const { headers, body } = received[0];
  assert.equal(headers["x-ar-sentinel-signature"], createHmac("sha256", "whsec-test").update(body).digest("hex"));
  const json = JSON.parse(body);
  assert.equal(json.source, "ar-sentinel");
  assert.equal(json.customer.code, "0001");
  assert.deepEqual(json.invoices.map((i) => [i.number, i.amount, i.currency, i.days_overdue]), [["INV-2026-031", "12345.60", "CNY", 3]]);
  assert.equal(json.message, TEXTS["INV-2026-031"]);
  await page.getByTestId("reminders-tab-audit").click();
  const sent = page.locator("[data-testid=audit-entry][data-action=sent]");
  await sent.waitFor();
  assert.equal(await sent.getAttribute("data-outcome"), "confirmed");
  assert.ok(!(await page.content()).includes("whsec-test"));
  await context.close();
  await new Promise((ok) => hook.close(ok));
});
