// Import benchmark in headless Chromium (see README, "Performance"). Imports a generated
// 100 000-invoice GBK CSV (Kingdee-style, ~10 MB) and reports, side by side in the same run:
//   ours   — parse (decode + CSV), map/validate (header, mapping, records), persist (one
//            IndexedDB transaction), total, and the wasm memory after the run;
//   papa   — Papa Parse on the same bytes (TextDecoder('gbk') + Papa.parse): the parse baseline;
//   floor  — plain JS putting exactly the values we write into IndexedDB in one transaction.
// Ratios: ours.parse / papa, ours.total / floor. Median of RUNS runs.
// Then the payment model: training on a generated history of ~117 000 invoices (100 000+
// settled, BENCH_TRAIN_INVOICES changes it) beside building the ledger of the same pool, in
// the same run; ratio train / ledger. BENCH_IMPORT=0 skips the import part.
// Then the default reminder rules on 100 000 open invoices (BENCH_REMINDER_INVOICES) beside
// building the ledger of the same pool; ratio evaluate / ledger.
// Last, the dashboard's recompute after the as-of date changes (the ledger + the dashboard,
// the collection period's baseline ledger kept, as the page does) on 100 000 invoices and
// 100 000 payments (BENCH_DASHBOARD_INVOICES, BENCH_DASHBOARD_PAYMENTS) beside building the
// ledger alone; ratio recompute / ledger. BENCH_TRAIN=0 and
// BENCH_REMINDERS=0 skip those sections.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, launchBrowser, ROOT } from "../tests/e2e/harness.mjs";

const INVOICES = Number(process.env.BENCH_INVOICES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TRAIN_INVOICES = Number(process.env.BENCH_TRAIN_INVOICES ?? 100_000);
const IMPORT = process.env.BENCH_IMPORT !== "0";
const TRAIN = process.env.BENCH_TRAIN !== "0";
const REMINDERS = process.env.BENCH_REMINDERS !== "0";
const DASHBOARD_INVOICES = Number(process.env.BENCH_DASHBOARD_INVOICES ?? 100_000);
const DASHBOARD_PAYMENTS = Number(process.env.BENCH_DASHBOARD_PAYMENTS ?? 100_000);
const dist = process.argv[2] ?? join(ROOT, "target/bench-dist");

const server = await startServer(dist);
const browser = await launchBrowser();
const context = await browser.newContext({ bypassCSP: true });
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.wasmBindings?.bench_import);
await page.addScriptTag({ content: readFileSync(join(ROOT, "node_modules/papaparse/papaparse.min.js"), "utf8") });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = IMPORT && (await page.evaluate(async ({ invoices, runs }) => {
  const b = window.wasmBindings;
  const bytes = b.bench_generate_gbk(invoices);
  const values = b.bench_store_values(bytes);
  const out = { bytes: bytes.length, ours: [], papa: [], floor: [] };
  const putAll = (name) => new Promise((ok, fail) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = () => {
      const open = indexedDB.open(name, 1);
      open.onupgradeneeded = () => {
        for (const s of ["customers", "orders", "shipments", "invoices", "payments", "credit_notes", "staff", "batches"]) open.result.createObjectStore(s);
      };
      open.onsuccess = () => {
        const db = open.result;
        const t0 = performance.now();
        const tx = db.transaction(["customers", "invoices", "payments", "credit_notes"], "readwrite");
        for (const [store, key, value] of values) tx.objectStore(store).put(value, key);
        tx.oncomplete = () => { const ms = performance.now() - t0; db.close(); ok(ms); };
        tx.onerror = () => fail(tx.error);
      };
      open.onerror = () => fail(open.error);
    };
  });
  for (let i = 0; i < runs; i++) {
    out.ours.push(JSON.parse(await b.bench_import(bytes, "bench-ours")));
    const t0 = performance.now();
    const text = new TextDecoder("gbk").decode(bytes);
    const parsed = Papa.parse(text, { skipEmptyLines: true });
    out.papa.push({ ms: performance.now() - t0, rows: parsed.data.length });
    out.floor.push(await putAll("bench-floor"));
  }
  return out;
}, { invoices: INVOICES, runs: RUNS }));
const training = [];
for (let i = 0; TRAIN && i < RUNS; i++) {
  training.push(JSON.parse(await page.evaluate((n) => window.wasmBindings.bench_train(n), TRAIN_INVOICES)));
}
const REMINDER_INVOICES = Number(process.env.BENCH_REMINDER_INVOICES ?? 100_000);
const evaluation = [];
for (let i = 0; REMINDERS && i < RUNS; i++) {
  evaluation.push(JSON.parse(await page.evaluate((n) => window.wasmBindings.bench_reminders(n), REMINDER_INVOICES)));
}
const board = [];
for (let i = 0; i < RUNS; i++) {
  board.push(JSON.parse(await page.evaluate(([n, p]) => window.wasmBindings.bench_dashboard(n, p), [DASHBOARD_INVOICES, DASHBOARD_PAYMENTS])));
}
await browser.close();
await server.close();
const f = (ms) => `${ms.toFixed(0).padStart(7)} ms`;
if (IMPORT) {
  const pick = (k) => median(results.ours.map((r) => r[k]));
  const ours = { parse: pick("parse_ms"), map: pick("map_validate_ms"), persist: pick("persist_ms"), total: pick("total_ms") };
  const papa = median(results.papa.map((r) => r.ms));
  const floor = median(results.floor);
  console.log(`import benchmark: ${INVOICES} invoices, ${(results.bytes / 1e6).toFixed(1)} MB GBK CSV, median of ${RUNS} runs, headless Chromium`);
  console.log(`  ours  parse (decode + CSV)        ${f(ours.parse)}`);
  console.log(`  ours  map / validate             ${f(ours.map)}`);
  console.log(`  ours  persist (one transaction)  ${f(ours.persist)}`);
  console.log(`  ours  total                      ${f(ours.total)}`);
  console.log(`  papa  parse (TextDecoder + Papa) ${f(papa)}`);
  console.log(`  floor plain-JS bulk put          ${f(floor)}`);
  console.log(`  ratio parse / Papa Parse         ${(ours.parse / papa).toFixed(2)}×  (goal < 1)`);
  console.log(`  ratio total / floor              ${(ours.total / floor).toFixed(2)}×  (goal ≤ 1.5)`);
  console.log(`  rows imported ${results.ours[0].rows_imported}, refused ${results.ours[0].rows_rejected}, records written ${results.ours[0].records_written}, wasm memory ${(results.ours.at(-1).wasm_memory_bytes / 1e6).toFixed(0)} MB`);
}

const tm = (k) => median(training.map((r) => r[k]));
const t0 = training[0];
if (TRAIN) {
console.log(`training benchmark: ${t0.invoices} generated invoices (${t0.settled} settled, ${t0.open_predicted} open), median of ${RUNS} runs, headless Chromium`);
console.log(`  ledger of the same pool (baseline) ${f(tm("ledger_ms"))}`);
console.log(`  train the payment model            ${f(tm("train_ms"))}`);
console.log(`  predict every open invoice         ${f(tm("predict_ms"))}`);
console.log(`  ratio train / ledger               ${(tm("train_ms") / tm("ledger_ms")).toFixed(2)}×`);
}

const em = (k) => median(evaluation.map((r) => r[k]));
if (REMINDERS) {
console.log(`reminder benchmark: ${evaluation[0].invoices} open invoices, default rules, ${evaluation[0].reminders} reminders, median of ${RUNS} runs, headless Chromium`);
console.log(`  ledger of the same pool (baseline) ${f(em("ledger_ms"))}`);
console.log(`  evaluate the rules                 ${f(em("evaluate_ms"))}  (goal well under 1 000 ms)`);
console.log(`  ratio evaluate / ledger            ${(em("evaluate_ms") / em("ledger_ms")).toFixed(2)}×`);
}

const bm = (k) => median(board.map((r) => r[k]));
const b0 = board[0];
console.log(`dashboard benchmark: ${b0.invoices} invoices, ${b0.payments} payments (${b0.open_invoices} open), as-of date moved a day, median of ${RUNS} runs, headless Chromium`);
console.log(`  ledger alone (baseline)            ${f(bm("ledger_ms"))}`);
console.log(`  ledger + dashboard (recompute)     ${f(bm("recompute_ms"))}  (goal well under 200 ms)`);
console.log(`  ratio recompute / ledger           ${(bm("recompute_ms") / bm("ledger_ms")).toFixed(2)}×`);
console.log(`  … into another period (+ baseline) ${f(bm("new_period_ms"))}  (once a month for month to date)`);
console.log(`  trend: 12 month-end ledgers        ${f(bm("trend_ms"))}  (on opening; a month on reuses eleven)`);
if (!board.every((r) => r.changed)) console.log("  WARNING: the recompute did not change the dashboard");
