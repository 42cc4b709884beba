//! The predictions for the as-of date, shared by the forecast page, the ledger's late-risk
//! badge and the explanation view: trained once per pool, as-of date or threshold change
//! (lazily, only when a page reads them), never per row.

use super::app::AppState;
use super::data::Data;
use crate::domain::forecast::{predict_with_ledger, ForecastSettings, Predictions};
use leptos::prelude::*;

/// The settings key of the late-risk threshold N (days after due).
const THRESHOLD_KEY: &str = "forecast_late_threshold_days";
/// The threshold the page accepts: whole days in this range.
pub const THRESHOLD_RANGE: std::ops::RangeInclusive<i64> = 0..=365;

#[derive(Clone, Copy)]
pub struct Forecast {
    /// N in "paid more than N days after due"; persisted in the settings store.
    pub threshold: RwSignal<i64>,
    pub predictions: Memo<Predictions>,
}

impl Forecast {
    pub fn new(data: Data, state: AppState) -> Forecast {
        let threshold = RwSignal::new(ForecastSettings::default().late_threshold_days);
        // Once the database is open, the saved threshold replaces the default.
        Effect::new(move |_| {
            if matches!(data.ready.get(), Some(Ok(()))) {
                leptos::task::spawn_local(async move {
                    if let Some(n) = data.setting::<i64>(THRESHOLD_KEY).await {
                        if THRESHOLD_RANGE.contains(&n) {
                            threshold.set(n);
                        }
                    }
                });
            }
        });
        // Predictions hold no PartialEq (the model is floats and tables): every recomputation
        // counts as a change, and it only happens when its inputs change.
        let predictions = Memo::new_owning(move |_| {
            let settings = settings(threshold.get());
            let p = data.pool.with(|pool| {
                state
                    .ledger
                    .with(|l| predict_with_ledger(pool, l, &settings))
            });
            (p, true)
        });
        Forecast {
            threshold,
            predictions,
        }
    }

    /// Applies and saves a new threshold; the error says whether saving failed.
    pub async fn set_threshold(self, data: Data, n: i64) -> Result<(), ()> {
        self.threshold.set(n);
        data.set_setting(THRESHOLD_KEY, &n).await.map_err(|_| ())
    }
}

/// The app's model settings with threshold `n`.
pub fn settings(n: i64) -> ForecastSettings {
    ForecastSettings {
        late_threshold_days: n,
        ..ForecastSettings::default()
    }
}
