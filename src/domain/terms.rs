//! Payment terms (付款条件): a base date plus N days, parsed from the text ERPs export.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the N days count from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermsBase {
    /// `30天`, `Net 30`, a bare `30`.
    InvoiceDate,
    /// `货到30天`: from the shipment / goods-received date (falls back to the invoice date).
    Delivery,
    /// `月结60天`, `EOM 30`: from the last day of the invoice's month.
    EndOfMonth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Terms {
    pub base: TermsBase,
    pub days: u32,
}
