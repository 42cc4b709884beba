// Nothing let in: data full of HTML and script is shown as text and runs nothing, the page's
// Content-Security-Policy forbids eval and remote code, and broken files get a clear message
// and change nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, FIXTURES } from "./harness.mjs";

const hostile = (name) => join(FIXTURES, "hostile", name);
let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

test("HTML and script in every text field render as text and run nothing", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.getByTestId("nav-import").click();
  await page.getByTestId("import-input").setInputFiles(hostile("html_and_script.csv"));
  await page.getByTestId("import-file").waitFor();
  await page.getByTestId("import-commit").click();
  await page.getByTestId("import-summary").waitFor();
  await page.getByTestId("nav-ledger").click();
  await page.getByTestId("ledger-row").first().waitFor();
  // The markup is there as text…
  assert.ok((await page.locator("main").innerText()).includes("<img src=x onerror=alert(1)>"));
  // …and never as elements.
  const injected = await page.evaluate(() => document.querySelectorAll("main img, main svg, main iframe, main script, main b[onmouseover]").length);
  assert.equal(injected, 0);
  await page.locator('[data-testid=ledger-row] a').first().click();
  await page.getByTestId("page-customer").waitFor();
  assert.match(await page.getByTestId("customer-name").innerText(), /<script>alert\(/);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test("the Content-Security-Policy allows only the app's own code", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  const policies = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((ms) => ms.map((m) => m.content));
  const parse = (csp) => Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.equal(policies.length, 2, "the static policy and the connect-src policy");
  const [csp, connect] = policies;
  const directives = parse(csp);
  assert.deepEqual(directives["script-src"].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(directives["script-src"].slice(2).every((v) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(v)), csp);
  assert.deepEqual(directives["object-src"], ["'none'"]);
  assert.ok(!/https?:|\*/.test(csp), "no remote origins");
  // Nothing configured: connect-src is the app's own origin only, and it is enforced.
  assert.deepEqual(parse(connect), { "connect-src": ["'self'"] });
  const blocked = await page.evaluate(async () => {
    const seen = new Promise((ok) => document.addEventListener("securitypolicyviolation", (e) => ok(e.violatedDirective), { once: true }));
    await fetch("http://127.0.0.1:9/elsewhere", { method: "POST", body: "x" }).catch(() => {});
    return seen;
  });
  assert.equal(blocked, "connect-src");
  // An injected inline script is refused by the policy.
  const ran = await page.evaluate(() => {
    window.__ran = false;
    const s = document.createElement("script");
    s.textContent = "window.__ran = true";
    document.body.appendChild(s);
    return window.__ran;
  });
  assert.equal(ran, false);
  await context.close();
});

test("broken files get a clear message and change nothing", async () => {
  const context = await browser.newContext();
  const page = await openApp(context, server.url);
  await page.getByTestId("nav-import").click();
  const files = ["png_renamed.csv", "truncated.xlsx", "unbalanced_quotes.csv", "empty.csv", "header_only.csv", "stray_quote_gbk.csv"];
  await page.getByTestId("import-input").setInputFiles(files.map(hostile));
  await page.getByTestId("import-file").nth(files.length - 1).waitFor();
  const messages = await page.getByTestId("import-file-error").allInnerTexts();
  assert.equal(messages.length, files.length);
  assert.match(messages[0], /PNG/);
  assert.match(messages[2], /第 4 行的引号没有闭合/);
  // A stray quote would merge lines 4-6 into one row: refused, named, in the user's language.
  assert.match(messages[5], /第 4 行开始的引号一直延续到第 6 行/);
  assert.equal(await page.getByTestId("import-commit").isDisabled(), true);
  await page.getByTestId("import-cancel").click();
  await page.getByTestId("nav-ledger").click();
  assert.equal(await page.getByTestId("ledger-row").count(), 0);
  await context.close();
});
