//! Browser entry points for scripts/bench.mjs: the generator, and the import timed stage by
//! stage — parse (decode + CSV), map/validate (header, mapping, records), persist (one
//! IndexedDB transaction) — with the exact values written, for the plain-JS floor; and the
//! payment model's training on a generated settled history, beside building the ledger of
//! the same pool.

use super::data::kingdee_open_items_gbk;
use crate::domain::asof::AsOf;
use crate::domain::forecast::synth::{synthetic_history, SynthSpec};
use crate::domain::forecast::{train, ForecastSettings};
use crate::domain::ledger::ledger;
use crate::domain::merge::{plan_import, ImportLog};
use crate::domain::model::Pool;
use crate::import::csv_reader::read_csv;
use crate::import::decode::decode_text;
use crate::import::header_detect::find_header_row;
use crate::import::mapping::Mapping;
use crate::import::pipeline::apply_mapping;
use crate::store::{commit_import, schema, Db};
use wasm_bindgen::prelude::*;

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen]
pub fn bench_generate_gbk(invoices: u32) -> Vec<u8> {
    kingdee_open_items_gbk(invoices as usize)
}

/// Runs the whole import of `bytes` into a fresh database `db_name`; returns the timings.
#[wasm_bindgen]
pub async fn bench_import(bytes: Vec<u8>, db_name: String) -> Result<JsValue, JsValue> {
    let err = |e: String| JsValue::from_str(&e);
    Db::delete(&db_name).await.map_err(|e| err(e.to_string()))?;
    let db = Db::open_with(&db_name, schema::current())
        .await
        .map_err(|e| err(e.to_string()))?;

    let t0 = now();
    let (text, _) = decode_text(&bytes).map_err(|e| err(e.to_string()))?;
    let table = read_csv(&text, "bench.csv").map_err(|e| err(e.to_string()))?;
    drop(text);
    let t1 = now();
    let header = find_header_row(&table.rows).ok_or_else(|| err("no header".into()))?;
    let mapping = Mapping::auto(&table.rows[header].cells);
    let preview = apply_mapping(table, header, mapping);
    let (imported, rejected) = (preview.counts.imported, preview.counts.rejected);
    let (records, implied) = preview.batch.into_records();
    let t2 = now();
    let changes = plan_import(&Pool::default(), records, implied);
    let log = ImportLog {
        id: 1,
        files: vec!["bench.csv".into()],
        imported,
        rejected,
        changes,
        undone_at: None,
    };
    commit_import(&db, &log, &|_, _| {})
        .await
        .map_err(|e| err(e.to_string()))?;
    let t3 = now();
    db.close();

    let memory = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()?
        .buffer();
    let wasm_bytes = memory.dyn_into::<js_sys::ArrayBuffer>()?.byte_length();
    let report = serde_json::json!({
        "rows_imported": imported,
        "rows_rejected": rejected,
        "records_written": log.changes.len(),
        "parse_ms": t1 - t0,
        "map_validate_ms": t2 - t1,
        "persist_ms": t3 - t2,
        "total_ms": t3 - t0,
        "wasm_memory_bytes": wasm_bytes,
    });
    Ok(JsValue::from_str(&report.to_string()))
}

/// What `bench_import` writes, as `[store, key, value]` triples, for the plain-JS floor.
#[wasm_bindgen]
pub fn bench_store_values(bytes: Vec<u8>) -> Result<JsValue, JsValue> {
    let preview = crate::import::pipeline::analyze(&bytes, "bench.csv", None, &|_| None)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let (records, implied) = preview.batch.into_records();
    let changes = plan_import(&Pool::default(), records, implied);
    let out = js_sys::Array::new();
    for c in &changes {
        let Some(after) = &c.after else { continue };
        let (store, json) =
            crate::store::record_value(after).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let triple = js_sys::Array::of3(&store.into(), &c.key.storage_key().into(), &json.into());
        out.push(&triple);
    }
    Ok(out.into())
}

/// A generated payment history (`domain::forecast::synth`) of about `invoices` invoices, as
/// of a date by which most are settled: times building the ledger (the baseline), training
/// the model on every settled invoice, and predicting every open one.
#[wasm_bindgen]
pub fn bench_train(invoices: u32) -> Result<JsValue, JsValue> {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("valid date");
    // 100 invoices per customer (every tenth customer has 2), most settled by the as-of
    // date: 13 customers per 1 000 settled invoices (1 300 give 100 000+, as in the native
    // test `trains_on_one_hundred_thousand_settled_invoices`).
    let pool = synthetic_history(&SynthSpec {
        seed: 99,
        customers: (invoices as usize * 13).div_ceil(1000).max(1),
        invoices_per_customer: 100,
        start: day(2022, 1, 1),
        days: 730,
    });
    let as_of = AsOf(day(2023, 12, 1));
    let t0 = now();
    let l = ledger(&pool, as_of);
    let t1 = now();
    let model = train(&pool, &l, &ForecastSettings::default());
    let t2 = now();
    let predicted = l
        .lines
        .iter()
        .filter_map(|x| model.predict_line(&pool, x, as_of))
        .count();
    let t3 = now();
    let report = serde_json::json!({
        "invoices": pool.invoices.len(),
        "settled": model.trained_on().len(),
        "open_predicted": predicted,
        "ledger_ms": t1 - t0,
        "train_ms": t2 - t1,
        "predict_ms": t3 - t2,
    });
    Ok(JsValue::from_str(&report.to_string()))
}

/// The default reminder rules evaluated on `invoices` open invoices (every tier, a full
/// directory), beside building the ledger of the same pool (the baseline).
#[wasm_bindgen]
pub fn bench_reminders(invoices: u32) -> Result<JsValue, JsValue> {
    use crate::domain::reminders::{
        evaluate, CollectionNotes, EvalInput, ReminderHistory, ReminderSettings,
    };
    use crate::domain::rules::default_rules;
    let as_of = AsOf(chrono::NaiveDate::from_ymd_opt(2026, 3, 31).expect("valid date"));
    let pool = super::data::open_invoices_pool(invoices as usize, as_of.0);
    let rules = default_rules();
    let (history, notes) = (ReminderHistory::new(), CollectionNotes::new());
    let settings = ReminderSettings::default();
    let credit = std::collections::HashMap::new();
    let t0 = now();
    let l = ledger(&pool, as_of);
    let t1 = now();
    let reminders = evaluate(&EvalInput {
        pool: &pool,
        ledger: &l,
        rules: &rules,
        directory: &pool.staff,
        as_of,
        history: &history,
        notes: &notes,
        settings: &settings,
        credit: &credit,
        late_risk: None,
    });
    let t2 = now();
    let report = serde_json::json!({
        "invoices": pool.invoices.len(),
        "reminders": reminders.len(),
        "ledger_ms": t1 - t0,
        "evaluate_ms": t2 - t1,
    });
    Ok(JsValue::from_str(&report.to_string()))
}

/// The dashboard's recompute after the as-of date changes, on a generated history of
/// `invoices` invoices and `payments` payments (`super::data::dashboard_pool`), as the page
/// does it: the ledger as of the new date plus the dashboard (totals, DSO, collection,
/// aging, rankings) with the collection period's baseline ledger kept from before (it
/// changes only when the period's start does) — beside building the ledger alone (the
/// baseline). Also timed: the same when the period's start moves too (`dashboard()`, which
/// builds the period baseline), and the trend's 12 month-end ledgers, which the page
/// recomputes only when the as-of date crosses a month-end.
#[wasm_bindgen]
pub fn bench_dashboard(invoices: u32, payments: u32) -> Result<JsValue, JsValue> {
    use crate::domain::insight::{
        dashboard, dashboard_with_baseline, period_baseline, trend, InsightSettings,
    };
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 3, d).expect("valid date");
    let pool = super::data::dashboard_pool(invoices as usize, payments as usize, day(31));
    let settings = InsightSettings::default();
    // The page shows 2026-03-31 (month to date: the baseline is the ledger of 02-28); the
    // user moves the date back a day, within the same month.
    let period = settings.period.resolve(AsOf(day(31)));
    let kept = period_baseline(&pool, period);
    let before = ledger(&pool, AsOf(day(31)));
    let shown = dashboard_with_baseline(&pool, &before, &kept, &settings, AsOf(day(31)));
    let as_of = AsOf(day(30));
    let t0 = now();
    let alone = ledger(&pool, as_of);
    let t1 = now();
    let l = ledger(&pool, as_of);
    let d = dashboard_with_baseline(&pool, &l, &kept, &settings, as_of);
    let t2 = now();
    let cold = dashboard(&pool, &l, &settings, as_of);
    let t3 = now();
    let points = trend(&pool, as_of, 12);
    let t4 = now();
    let report = serde_json::json!({
        "invoices": pool.invoices.len(),
        "payments": pool.payments.len(),
        "open_invoices": d.currencies.iter().map(|c| c.open_invoices).sum::<usize>(),
        "changed": d != shown && d == cold && alone.lines.len() == l.lines.len(),
        "trend_points": points.len(),
        "ledger_ms": t1 - t0,
        "recompute_ms": t2 - t1,
        "new_period_ms": (t1 - t0) + (t3 - t2),
        "trend_ms": t4 - t3,
    });
    Ok(JsValue::from_str(&report.to_string()))
}
