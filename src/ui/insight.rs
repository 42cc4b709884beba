//! The dashboard's settings (aging edges, collection period, …), shared by the dashboard and
//! the ledger's bucket filter so a drill-down lands on exactly the bucket's invoices; kept in
//! the settings store like the forecast's threshold.

use super::data::Data;
use crate::domain::insight::InsightSettings;
use leptos::prelude::*;

/// The settings key of the whole [`InsightSettings`] (JSON; missing fields take defaults).
const SETTINGS_KEY: &str = "insight_settings";

#[derive(Clone, Copy)]
pub struct InsightConfig {
    pub settings: RwSignal<InsightSettings>,
}

impl InsightConfig {
    pub fn new(data: Data) -> InsightConfig {
        let settings = RwSignal::new(InsightSettings::default());
        // Once the database is open, the saved settings replace the defaults. A stored value
        // that no longer validates (edges are checked when read) leaves the defaults.
        Effect::new(move |_| {
            if matches!(data.ready.get(), Some(Ok(()))) {
                leptos::task::spawn_local(async move {
                    if let Some(s) = data.setting::<InsightSettings>(SETTINGS_KEY).await {
                        settings.set(s);
                    }
                });
            }
        });
        InsightConfig { settings }
    }

    /// Saves `s`, then applies it; on failure nothing changes.
    pub async fn save(self, data: Data, s: InsightSettings) -> Result<(), ()> {
        data.set_setting(SETTINGS_KEY, &s).await.map_err(|_| ())?;
        self.settings.set(s);
        Ok(())
    }
}
