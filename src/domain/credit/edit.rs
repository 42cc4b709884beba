//! Editing the credit policy as text fields: read each field, write it back from what the
//! user typed, and check the whole policy before it is saved. Pure, so the settings form in
//! the UI only shows fields and forwards text.

use super::{CreditPolicy, FactorKind, Grade, OrderPolicy};
use crate::domain::terms::MAX_TERMS_DAYS;
use serde::{Deserialize, Serialize};

/// One editable number (or switch) of the credit and order policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PolicyField {
    Weight(FactorKind),
    CutoffA,
    CutoffB,
    CutoffC,
    MinSettled,
    MinTenureDays,
    GraceDays,
    NearLimitPercent,
    /// The longest terms a grade allows.
    MaxTermsDays(Grade),
    /// The suggested limit as a percentage of the current one.
    LimitPercent(Grade),
    /// Cash before delivery for the grade (`true` / `false`).
    Prepayment(Grade),
    StandardTermsDays,
}

const GRADES: [Grade; 5] = [
    Grade::A,
    Grade::B,
    Grade::C,
    Grade::D,
    Grade::InsufficientHistory,
];

impl PolicyField {
    /// A stable name for page hooks: `weight.tenure`, `cutoff_a`, `max_terms_days.B`, …
    pub fn key(self) -> String {
        match self {
            PolicyField::Weight(k) => format!("weight.{}", k.key()),
            PolicyField::CutoffA => "cutoff_a".into(),
            PolicyField::CutoffB => "cutoff_b".into(),
            PolicyField::CutoffC => "cutoff_c".into(),
            PolicyField::MinSettled => "min_settled".into(),
            PolicyField::MinTenureDays => "min_tenure_days".into(),
            PolicyField::GraceDays => "grace_days".into(),
            PolicyField::NearLimitPercent => "near_limit_percent".into(),
            PolicyField::MaxTermsDays(g) => format!("max_terms_days.{}", g.key()),
            PolicyField::LimitPercent(g) => format!("limit_percent.{}", g.key()),
            PolicyField::Prepayment(g) => format!("prepayment.{}", g.key()),
            PolicyField::StandardTermsDays => "standard_terms_days".into(),
        }
    }
}

/// Every field, in the order the form shows them.
pub fn policy_fields() -> Vec<PolicyField> {
    let mut out: Vec<PolicyField> = FactorKind::ALL
        .into_iter()
        .map(PolicyField::Weight)
        .collect();
    out.extend([
        PolicyField::CutoffA,
        PolicyField::CutoffB,
        PolicyField::CutoffC,
        PolicyField::MinSettled,
        PolicyField::MinTenureDays,
        PolicyField::GraceDays,
        PolicyField::NearLimitPercent,
        PolicyField::StandardTermsDays,
    ]);
    for g in GRADES {
        out.extend([
            PolicyField::MaxTermsDays(g),
            PolicyField::LimitPercent(g),
            PolicyField::Prepayment(g),
        ]);
    }
    out
}

/// Why a field's text or the whole policy is refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum PolicyProblem {
    /// Not a whole number (or a number with one decimal for cutoffs; `true`/`false` for
    /// switches).
    NotANumber { field: PolicyField, text: String },
    /// Outside `min..=max`.
    OutOfRange {
        field: PolicyField,
        min: u32,
        max: u32,
    },
    /// Every weight is 0: nothing would count.
    AllWeightsZero,
    /// The cutoffs must fall: A ≥ B ≥ C.
    CutoffsNotOrdered,
}

/// The smallest and largest accepted value of a numeric field.
fn range(field: PolicyField) -> (u32, u32) {
    match field {
        PolicyField::Weight(_) => (0, 1000),
        PolicyField::CutoffA | PolicyField::CutoffB | PolicyField::CutoffC => (0, 100),
        PolicyField::MinSettled => (0, 1000),
        PolicyField::MinTenureDays => (0, 3650),
        PolicyField::GraceDays => (0, 365),
        PolicyField::NearLimitPercent => (1, 100),
        PolicyField::MaxTermsDays(_) | PolicyField::StandardTermsDays => (0, MAX_TERMS_DAYS),
        PolicyField::LimitPercent(_) => (0, 1000),
        PolicyField::Prepayment(_) => (0, 1),
    }
}

/// The field's current value as the form shows it.
pub fn read_field(policy: &CreditPolicy, orders: &OrderPolicy, field: PolicyField) -> String {
    let advice = |g: Grade| policy.suggestions.for_grade(g);
    match field {
        PolicyField::Weight(k) => policy.weights.get(k).to_string(),
        PolicyField::CutoffA => policy.grade_cutoffs.a.to_string(),
        PolicyField::CutoffB => policy.grade_cutoffs.b.to_string(),
        PolicyField::CutoffC => policy.grade_cutoffs.c.to_string(),
        PolicyField::MinSettled => policy.min_history.settled_invoices.to_string(),
        PolicyField::MinTenureDays => policy.min_history.tenure_days.to_string(),
        PolicyField::GraceDays => policy.grace_days.to_string(),
        PolicyField::NearLimitPercent => policy.near_limit_percent.to_string(),
        PolicyField::MaxTermsDays(g) => advice(g).max_terms_days.to_string(),
        PolicyField::LimitPercent(g) => advice(g).limit_percent.to_string(),
        PolicyField::Prepayment(g) => advice(g).prepayment.to_string(),
        PolicyField::StandardTermsDays => orders.standard_terms_days.to_string(),
    }
}

fn parse_number(field: PolicyField, text: &str) -> Result<f64, PolicyProblem> {
    let t = text.trim();
    let not_a_number = || PolicyProblem::NotANumber {
        field,
        text: text.to_owned(),
    };
    let value = match field {
        PolicyField::Prepayment(_) => match t {
            "true" => 1.0,
            "false" => 0.0,
            _ => return Err(not_a_number()),
        },
        // Cutoffs may carry one decimal (scores are rounded to one).
        PolicyField::CutoffA | PolicyField::CutoffB | PolicyField::CutoffC => {
            let v: f64 = t.parse().map_err(|_| not_a_number())?;
            if !v.is_finite() || (v * 10.0).fract() != 0.0 {
                return Err(not_a_number());
            }
            v
        }
        _ => f64::from(t.parse::<u32>().map_err(|_| not_a_number())?),
    };
    let (min, max) = range(field);
    if value < f64::from(min) || value > f64::from(max) {
        return Err(PolicyProblem::OutOfRange { field, min, max });
    }
    Ok(value)
}

/// Writes `text` into the field; on error nothing changes.
pub fn write_field(
    policy: &mut CreditPolicy,
    orders: &mut OrderPolicy,
    field: PolicyField,
    text: &str,
) -> Result<(), PolicyProblem> {
    let v = parse_number(field, text)?;
    let n = v as u32; // whole and in range for every integer field
    let s = &mut policy.suggestions;
    match field {
        PolicyField::Weight(k) => {
            let w = &mut policy.weights;
            *match k {
                FactorKind::OnTimeByCount => &mut w.on_time_by_count,
                FactorKind::OnTimeByAmount => &mut w.on_time_by_amount,
                FactorKind::AverageDaysLate => &mut w.average_days_late,
                FactorKind::WorstDaysLate => &mut w.worst_days_late,
                FactorKind::OverdueRatio => &mut w.overdue_ratio,
                FactorKind::Disputes => &mut w.disputes,
                FactorKind::Tenure => &mut w.tenure,
                FactorKind::LimitUse => &mut w.limit_use,
            } = n
        }
        PolicyField::CutoffA => policy.grade_cutoffs.a = v,
        PolicyField::CutoffB => policy.grade_cutoffs.b = v,
        PolicyField::CutoffC => policy.grade_cutoffs.c = v,
        PolicyField::MinSettled => policy.min_history.settled_invoices = n,
        PolicyField::MinTenureDays => policy.min_history.tenure_days = i64::from(n),
        PolicyField::GraceDays => policy.grace_days = n,
        PolicyField::NearLimitPercent => policy.near_limit_percent = n,
        PolicyField::MaxTermsDays(g) => s.for_grade_mut(g).max_terms_days = n,
        PolicyField::LimitPercent(g) => s.for_grade_mut(g).limit_percent = n,
        PolicyField::Prepayment(g) => s.for_grade_mut(g).prepayment = n == 1,
        PolicyField::StandardTermsDays => orders.standard_terms_days = n,
    }
    Ok(())
}

/// Reads every field of the form into a copy of the policies and checks the result as a
/// whole. All problems are returned at once; the policies are returned only without any.
pub fn apply_form(
    policy: &CreditPolicy,
    orders: &OrderPolicy,
    form: &[(PolicyField, String)],
) -> Result<(CreditPolicy, OrderPolicy), Vec<PolicyProblem>> {
    let (mut p, mut o) = (policy.clone(), *orders);
    let mut problems: Vec<PolicyProblem> = form
        .iter()
        .filter_map(|(field, text)| write_field(&mut p, &mut o, *field, text).err())
        .collect();
    if problems.is_empty() {
        problems = validate_policy(&p);
    }
    if problems.is_empty() {
        Ok((p, o))
    } else {
        Err(problems)
    }
}

/// Whole-policy checks: some weight above zero, cutoffs in order.
pub fn validate_policy(policy: &CreditPolicy) -> Vec<PolicyProblem> {
    let mut out = Vec::new();
    if FactorKind::ALL.iter().all(|k| policy.weights.get(*k) == 0) {
        out.push(PolicyProblem::AllWeightsZero);
    }
    if !policy.grade_cutoffs.is_ordered() {
        out.push(PolicyProblem::CutoffsNotOrdered);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(p: &CreditPolicy, o: &OrderPolicy) -> Vec<(PolicyField, String)> {
        policy_fields()
            .into_iter()
            .map(|f| (f, read_field(p, o, f)))
            .collect()
    }

    #[test]
    fn every_field_reads_back_what_it_wrote() {
        let (p, o) = (CreditPolicy::default(), OrderPolicy::default());
        assert_eq!(apply_form(&p, &o, &form(&p, &o)), Ok((p.clone(), o)));
        let mut changed = form(&p, &o);
        for (field, text) in &mut changed {
            *text = match field {
                PolicyField::Prepayment(_) => "true".into(),
                PolicyField::CutoffA => "70.5".into(),
                PolicyField::CutoffB | PolicyField::CutoffC => "50".into(),
                PolicyField::NearLimitPercent => "80".into(),
                _ => "7".into(),
            };
        }
        let (p2, o2) = apply_form(&p, &o, &changed).unwrap();
        assert_eq!(form(&p2, &o2), changed);
        assert_eq!(p2.grade_cutoffs.a, 70.5);
        assert_eq!(p2.weights.limit_use, 7);
        assert!(p2.suggestions.a.prepayment);
        assert_eq!(o2.standard_terms_days, 7);
        let mut keys: Vec<String> = policy_fields().into_iter().map(PolicyField::key).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), policy_fields().len(), "keys are unique");
    }

    #[test]
    fn bad_text_is_refused_with_the_field_and_nothing_changes() {
        let (p, o) = (CreditPolicy::default(), OrderPolicy::default());
        let mut f = form(&p, &o);
        f[0].1 = "二十".into();
        f[9].1 = "120".into(); // cutoff B above 100
        let problems = apply_form(&p, &o, &f).unwrap_err();
        assert_eq!(
            problems,
            vec![
                PolicyProblem::NotANumber {
                    field: PolicyField::Weight(FactorKind::OnTimeByCount),
                    text: "二十".into()
                },
                PolicyProblem::OutOfRange {
                    field: PolicyField::CutoffB,
                    min: 0,
                    max: 100
                },
            ]
        );
        let mut q = p.clone();
        let mut oo = o;
        assert!(write_field(&mut q, &mut oo, PolicyField::NearLimitPercent, "0").is_err());
        assert!(write_field(&mut q, &mut oo, PolicyField::GraceDays, "-1").is_err());
        assert!(write_field(&mut q, &mut oo, PolicyField::CutoffA, "80.25").is_err());
        assert!(write_field(&mut q, &mut oo, PolicyField::Prepayment(Grade::D), "yes").is_err());
        assert_eq!((q, oo), (p, o));
    }

    #[test]
    fn the_whole_policy_needs_a_weight_and_ordered_cutoffs() {
        let (p, o) = (CreditPolicy::default(), OrderPolicy::default());
        let mut f = form(&p, &o);
        for (field, text) in &mut f {
            match field {
                PolicyField::Weight(_) => *text = "0".into(),
                PolicyField::CutoffC => *text = "90".into(),
                _ => {}
            }
        }
        assert_eq!(
            apply_form(&p, &o, &f).unwrap_err(),
            vec![
                PolicyProblem::AllWeightsZero,
                PolicyProblem::CutoffsNotOrdered
            ]
        );
    }
}
