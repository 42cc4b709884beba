// The foundation as a user meets it: the app loads from a sub-path, the language choice
// survives a reload, and after one visit the app opens with the network gone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, openApp } from "./harness.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const NAV = ["import", "ledger", "reminders", "rules", "dashboard", "credit", "approvals", "forecast", "settings"];

test("loads from a sub-path with every area in the navigation, in Chinese by default", async () => {
  const server = await startServer();
  const context = await browser.newContext();
  try {
    const page = await openApp(context, server.url);
    for (const slug of NAV) assert.equal(await page.getByTestId(`nav-${slug}`).count(), 1, `nav-${slug}`);
    assert.equal(await page.getByTestId("nav-ledger").innerText(), "应收台账");
    assert.equal(await page.locator("html").getAttribute("lang"), "zh-CN");
    // Every request stayed under the prefix: nothing assumes the site root.
    assert.deepEqual(server.requests.filter((p) => !p.startsWith("/tools/ar/")), []);
    await page.getByTestId("nav-dashboard").click();
    await page.getByTestId("page-dashboard").waitFor();
    assert.match(page.url(), /\/tools\/ar\/#\/dashboard$/);
    // An empty pool: the dashboard invites the first import instead of showing empty tables.
    assert.equal(await page.getByTestId("dashboard-exports").count(), 0);
    await page.getByTestId("go-import").click();
    await page.getByTestId("page-import").waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test("the language switch persists across a reload", async () => {
  const server = await startServer();
  const context = await browser.newContext();
  try {
    const page = await openApp(context, server.url);
    await page.getByTestId("lang-switch").click();
    assert.equal(await page.getByTestId("nav-ledger").innerText(), "Ledger");
    await page.reload();
    await page.getByTestId("nav-import").waitFor();
    assert.equal(await page.getByTestId("nav-ledger").innerText(), "Ledger");
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    await page.getByTestId("lang-switch").click();
    assert.equal(await page.getByTestId("nav-ledger").innerText(), "应收台账");
  } finally {
    await context.close();
    await server.close();
  }
});

test("after one online visit the app reloads and works with the server gone", async () => {
  const server = await startServer();
  const context = await browser.newContext();
  try {
    const page = await openApp(context, server.url);
    // Wait until the service worker controls the page and has cached the shell.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
      }
    });
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId("nav-import").waitFor({ timeout: 10_000 });
    await page.getByTestId("nav-settings").click();
    await page.getByTestId("page-settings").waitFor();
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});
