// Two tabs of the app on one laptop: a change in one shows in the other without a reload, and
// a newer version opening the database in another tab is never blocked forever: this tab says
// to reload, and once it does the upgrade goes through with every record kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, FIXTURES } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

test("an import in one tab shows in the other without a reload", async () => {
  const context = await browser.newContext();
  const a = await openApp(context, server.url);
  const b = await openApp(context, server.url);
  await b.getByTestId("nav-ledger").click();
  assert.equal(await b.getByTestId("ledger-row").count(), 0);
  await a.getByTestId("import-input").setInputFiles(join(FIXTURES, "import", "kingdee_open_items_gbk.csv"));
  await a.getByTestId("import-file").waitFor();
  await a.getByTestId("import-commit").click();
  await a.getByTestId("import-summary").waitFor();
  await b.getByTestId("ledger-status").selectOption("all");
  await b.locator("[data-testid=ledger-row][data-invoice=AR2026-0001]").waitFor();
  assert.ok((await b.getByTestId("ledger-row").count()) >= 5);
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});

test("a newer version opening the database elsewhere gets a reload message here, and goes through after the reload", async () => {
  const context = await browser.newContext();
  const app = await openApp(context, server.url);
  await app.getByTestId("import-input").setInputFiles(join(FIXTURES, "import", "kingdee_open_items_gbk.csv"));
  await app.getByTestId("import-file").waitFor();
  await app.getByTestId("import-commit").click();
  await app.getByTestId("import-summary").waitFor();

  // Another tab of the same origin opens the database at a newer version, as a new release would.
  const other = await context.newPage();
  await other.goto(`${server.url}icon.svg`);
  const upgrade = other.evaluate(() => new Promise((resolve, reject) => {
    const events = [];
    const req = indexedDB.open("ar-sentinel", 1000);
    req.onblocked = () => events.push("blocked");
    req.onupgradeneeded = () => events.push("upgrade");
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(["invoices", "credit_notes"], "readonly");
      const invoices = tx.objectStore("invoices").count();
      const notes = tx.objectStore("credit_notes").count();
      tx.oncomplete = () => { db.close(); resolve({ events, invoices: invoices.result + notes.result }); };
    };
    req.onerror = () => reject(req.error);
  }));
  await app.getByTestId("stale-banner").waitFor();
  await app.getByTestId("stale-reload").click();
  const result = await upgrade;
  assert.ok(result.events.includes("upgrade"), result.events.join(","));
  assert.equal(result.invoices, 7, "every invoice and credit note kept through the upgrade");
  // This (older) app cannot use the newer database: it says so instead of failing silently.
  await app.getByTestId("db-error").waitFor();
  await context.close();
});
