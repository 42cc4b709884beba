// Upgrades: every released schema version's database (tests/fixtures/db/vN.json, made by that
// release with scripts/db-fixture.mjs) opens with the current app with no record and no
// setting lost — checked through the app's own backup, which carries everything it holds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, openApp, FIXTURES } from "./harness.mjs";

let browser, server;
before(async () => { browser = await launchBrowser(); server = await startServer(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Where each record store's values land in a backup. */
const BACKUP_PLACE = {
  customers: (b) => b.pool.customers, orders: (b) => b.pool.orders, shipments: (b) => b.pool.shipments,
  invoices: (b) => b.pool.invoices, payments: (b) => b.pool.payments, credit_notes: (b) => b.pool.credit_notes,
  staff: (b) => b.pool.staff, batches: (b) => b.import_logs,
};

/** Every field `old` has, `now` has with the same value (newer versions may add fields). */
function keeps(old, now) {
  if (old === null || typeof old !== "object") return old === now;
  if (now === null || typeof now !== "object" || Array.isArray(old) !== Array.isArray(now)) return false;
  if (Array.isArray(old)) return old.length === now.length && old.every((v, i) => keeps(v, now[i]));
  return Object.entries(old).every(([k, v]) => keeps(v, now[k]));
}

const fixtures = readdirSync(join(FIXTURES, "db")).filter((f) => /^v\d+\.json$/.test(f)).sort();

test("there is a fixture of every released schema version with a database", () => {
  assert.deepEqual(fixtures, ["v2.json", "v3.json"]);
});

for (const file of fixtures) {
  test(`a ${file.replace(".json", "")} database opens with every record and setting`, async () => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, "db", file), "utf8"));
    const context = await browser.newContext();
    const seed = await context.newPage();
    await seed.goto(server.url + "seed-the-database"); // same origin, not the app
    await seed.evaluate(({ schema_version, stores }) => new Promise((ok, fail) => {
      const r = indexedDB.open("ar-sentinel", schema_version);
      r.onupgradeneeded = () => { for (const s of Object.keys(stores)) r.result.createObjectStore(s); };
      r.onerror = () => fail(r.error);
      r.onsuccess = () => {
        const tx = r.result.transaction(Object.keys(stores), "readwrite");
        for (const [s, entries] of Object.entries(stores)) for (const [k, v] of entries) tx.objectStore(s).put(v, k);
        tx.oncomplete = () => { r.result.close(); ok(); };
        tx.onerror = () => fail(tx.error);
      };
    }), fixture);
    await seed.close();

    const page = await openApp(context, server.url);
    await page.getByTestId("nav-settings").click();
    const company = fixture.stores.settings.find(([k]) => k === "company");
    assert.equal(await page.getByTestId("setting-company").inputValue(), JSON.parse(company[1]));
    await page.getByTestId("backup-include-secrets").check(); // the webhook secret is a setting too
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-download").click()]);
    const backup = JSON.parse(readFileSync(await download.path(), "utf8"));

    for (const [store, entries] of Object.entries(fixture.stores)) {
      const values = entries.map(([, v]) => JSON.parse(v));
      if (BACKUP_PLACE[store]) {
        const now = BACKUP_PLACE[store](backup);
        assert.equal(now.length, values.length, `${store}: as many records as before`);
        for (const v of values) assert.ok(now.some((n) => keeps(v, n)), `${store}: ${JSON.stringify(v)} kept`);
      } else if (store === "settings") {
        for (const [k, v] of entries) assert.ok(keeps(JSON.parse(v), backup.settings[k]), `setting ${k} kept`);
      } else if (store !== "meta") {
        // The append-only logs (audit, reminder history, notes): every old entry is still there.
        const now = new Map((backup.logs[store] ?? []).map(([k, v]) => [k, v]));
        for (const [k, v] of entries) assert.ok(keeps(JSON.parse(v), now.get(k)), `${store} ${k} kept`);
      }
    }
    const version = await page.evaluate(() => new Promise((ok) => {
      const r = indexedDB.open("ar-sentinel");
      r.onsuccess = () => { const v = r.result.version; r.result.close(); ok(v); };
    }));
    assert.ok(version >= fixture.schema_version);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}
