//! IndexedDB through rexie, in a real headless Chromium (wasm-bindgen-test).
//! All tests of this binary share one page: each uses and first deletes its own database.

use ar_sentinel::store::schema::{self, SCHEMAS};
use ar_sentinel::store::{Db, StoreError};
use wasm_bindgen_test::*;

async fn fresh(name: &str) {
    Db::delete(name).await.expect("delete test database");
}

#[wasm_bindgen_test]
async fn open_write_read_back() {
    let name = "test-open-write-read";
    fresh(name).await;
    let db = Db::open_with(name, schema::current()).await.unwrap();
    db.put(
        schema::SETTINGS,
        "company",
        &"华东精密机械有限公司".to_string(),
    )
    .await
    .unwrap();
    db.write(&[schema::INVOICES, schema::CUSTOMERS], |w| {
        w.put(
            schema::INVOICES,
            "invoice|C001|0000611365",
            &serde_json::json!({"amount": 123456}),
        )?;
        w.put(
            schema::CUSTOMERS,
            "customer|C001",
            &serde_json::json!({"name": "<b>客户</b>"}),
        )
    })
    .await
    .unwrap();
    db.close();

    let db = Db::open_with(name, schema::current()).await.unwrap();
    let company: Option<String> = db.get(schema::SETTINGS, "company").await.unwrap();
    assert_eq!(company.as_deref(), Some("华东精密机械有限公司"));
    let invoices: Vec<serde_json::Value> = db.get_all(schema::INVOICES).await.unwrap();
    assert_eq!(invoices, vec![serde_json::json!({"amount": 123456})]);
    let missing: Option<String> = db.get(schema::SETTINGS, "nothing").await.unwrap();
    assert_eq!(missing, None);
    db.close();
}

#[wasm_bindgen_test]
async fn a_failed_batch_writes_nothing() {
    let name = "test-atomic-batch";
    fresh(name).await;
    let db = Db::open_with(name, schema::current()).await.unwrap();
    // The second store does not exist, so the transaction cannot start: nothing may land.
    let result = db
        .write(&[schema::INVOICES, "no_such_store"], |w| {
            w.put(schema::INVOICES, "invoice|C001|1", &1)?;
            w.put("no_such_store", "x", &2)
        })
        .await;
    assert!(
        matches!(result, Err(StoreError::Transaction(_))),
        "{result:?}"
    );
    let invoices: Vec<i32> = db.get_all(schema::INVOICES).await.unwrap();
    assert!(invoices.is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn every_older_schema_upgrades_without_losing_data() {
    for old in &SCHEMAS[..SCHEMAS.len() - 1] {
        let name = format!("test-upgrade-from-v{}", old.version);
        fresh(&name).await;
        let db = Db::open_with(&name, old).await.unwrap();
        for store in old.stores {
            db.put(
                store,
                "kept",
                &format!("written by v{} into {store}", old.version),
            )
            .await
            .unwrap();
        }
        db.close();

        let db = Db::open_with(&name, schema::current()).await.unwrap();
        let mut names = db.store_names();
        names.sort();
        let mut expected: Vec<String> = schema::current()
            .stores
            .iter()
            .map(|s| s.to_string())
            .collect();
        expected.sort();
        assert_eq!(names, expected);
        for store in old.stores.iter().filter(|s| **s != schema::META) {
            let kept: Option<String> = db.get(store, "kept").await.unwrap();
            assert_eq!(
                kept,
                Some(format!("written by v{} into {store}", old.version)),
                "{store}"
            );
        }
        let version: Option<u32> = db.get(schema::META, "schema_version").await.unwrap();
        assert_eq!(version, Some(schema::current().version));
        db.close();
    }
}
