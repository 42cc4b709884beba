//! The editable credit policy: weights, grade cutoffs, minimum history, grace, thresholds.

use super::{FactorKind, SuggestionPolicy};
use serde::{Deserialize, Serialize};

/// The lowest score of each grade (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeCutoffs {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

impl Default for GradeCutoffs {
    fn default() -> GradeCutoffs {
        GradeCutoffs {
            a: 80.0,
            b: 60.0,
            c: 40.0,
        }
    }
}

impl GradeCutoffs {
    /// Whether A ≥ B ≥ C (otherwise a grade can never be reached; the settings page warns).
    pub fn is_ordered(&self) -> bool {
        self.a >= self.b && self.b >= self.c
    }
}

/// Below either threshold a customer is [`Grade::InsufficientHistory`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHistory {
    pub settled_invoices: u32,
    pub tenure_days: i64,
}

impl Default for MinHistory {
    fn default() -> MinHistory {
        MinHistory {
            settled_invoices: 3,
            tenure_days: 90,
        }
    }
}

/// How much each factor counts, in points (only their proportions matter).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub on_time_by_count: u32,
    pub on_time_by_amount: u32,
    pub average_days_late: u32,
    pub worst_days_late: u32,
    pub overdue_ratio: u32,
    pub disputes: u32,
    pub tenure: u32,
    pub limit_use: u32,
}

impl Default for Weights {
    /// 100 points: payment behaviour 65, today's position 25, relationship 10.
    fn default() -> Weights {
        Weights {
            on_time_by_count: 20,
            on_time_by_amount: 20,
            average_days_late: 15,
            worst_days_late: 10,
            overdue_ratio: 15,
            disputes: 5,
            tenure: 5,
            limit_use: 10,
        }
    }
}

impl Weights {
    pub fn get(&self, kind: FactorKind) -> u32 {
        match kind {
            FactorKind::OnTimeByCount => self.on_time_by_count,
            FactorKind::OnTimeByAmount => self.on_time_by_amount,
            FactorKind::AverageDaysLate => self.average_days_late,
            FactorKind::WorstDaysLate => self.worst_days_late,
            FactorKind::OverdueRatio => self.overdue_ratio,
            FactorKind::Disputes => self.disputes,
            FactorKind::Tenure => self.tenure,
            FactorKind::LimitUse => self.limit_use,
        }
    }
}

/// Everything the user can see and edit about credit control (stored with the settings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreditPolicy {
    pub weights: Weights,
    pub grade_cutoffs: GradeCutoffs,
    pub min_history: MinHistory,
    /// Days after the due date a payment still counts as on time.
    pub grace_days: u32,
    /// Open receivables at or above this percentage of the limit flag [`LimitFlag::NearLimit`].
    pub near_limit_percent: u32,
    /// Suggested terms and limits per grade.
    pub suggestions: SuggestionPolicy,
}

impl Default for CreditPolicy {
    fn default() -> CreditPolicy {
        CreditPolicy {
            weights: Weights::default(),
            grade_cutoffs: GradeCutoffs::default(),
            min_history: MinHistory::default(),
            grace_days: 0,
            near_limit_percent: 90,
            suggestions: SuggestionPolicy::default(),
        }
    }
}
