// Crash consistency: close the tab at several moments of a large import's write; on reopening,
// the pool is exactly as before the import or exactly as after it — by a content hash.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, FIXTURES, generatedInvoices, poolHash, importFile } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

const big = { name: "big.csv", mimeType: "text/csv", buffer: generatedInvoices(20_000).buffer };
const base = join(FIXTURES, "import", "kingdee_open_items_gbk.csv");

test("closing the tab mid-import leaves the pool exactly as before or exactly as after", async () => {
  // The two states a crash may leave, computed from complete runs.
  const reference = await browser.newContext();
  let page = await openApp(reference, server.url);
  await importFile(page, base);
  await page.getByTestId("import-summary").waitFor();
  const beforeHash = await poolHash(page);
  await importFile(page, big);
  await page.getByTestId("import-summary").waitFor();
  const afterHash = await poolHash(page);
  await reference.close();
  assert.notEqual(beforeHash, afterHash);

  const outcomes = [];
  for (const percent of [0, 25, 50, 75, 100]) {
    const context = await browser.newContext();
    page = await openApp(context, server.url);
    await importFile(page, base);
    await page.getByTestId("import-summary").waitFor();
    assert.equal(await poolHash(page), beforeHash);
    await importFile(page, big);
    // Kill the tab once the write has reached `percent` (or finished).
    await page.waitForFunction((p) => {
      const bar = document.querySelector("[data-testid=import-progress][data-stage=ImportSaving] progress");
      return (bar && Number(bar.value) >= p) || document.querySelector("[data-testid=import-summary]");
    }, percent, { polling: 5 });
    await page.close({ runBeforeUnload: false });
    const reopened = await openApp(context, server.url);
    await reopened.getByTestId("nav-ledger").click();
    const hash = await poolHash(reopened);
    assert.ok(hash === beforeHash || hash === afterHash, `killed at ${percent}%: the pool is half-written (${hash})`);
    outcomes.push(hash === beforeHash ? "before" : "after");
    await context.close();
  }
  // Not an assertion on timing: which state each kill leaves depends on the machine.
  console.log(`crash outcomes at 0/25/50/75/100 %: ${outcomes.join(", ")}`);
});
