use super::synth::{customer_code, habit_of, synthetic_history, Habit, SynthSpec};
use super::*;
use crate::domain::ledger::ledger;
use crate::domain::model::Invoice;
use crate::domain::money::{Currency, Money};
use chrono::{Datelike, Duration};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn spec(seed: u64) -> SynthSpec {
    SynthSpec {
        seed,
        customers: 64,
        invoices_per_customer: 60,
        start: d(2023, 1, 1),
        days: 540,
    }
}

/// As of which the generated history is mostly settled, with a tail still open.
const AS_OF: (i32, u32, u32) = (2024, 5, 1);

fn as_of() -> AsOf {
    AsOf(d(AS_OF.0, AS_OF.1, AS_OF.2))
}

fn history() -> Pool {
    synthetic_history(&spec(42))
}

/// The customer index of the first customer with `habit` and a full history.
fn customer_with(habit: Habit) -> usize {
    (0..64)
        .find(|&i| habit_of(i) == habit && i % 10 != 9)
        .unwrap()
}

/// The geometric mean of a customer's invoice amounts: a typical invoice for them.
fn typical_amount(pool: &Pool, customer: &str) -> Money {
    let amounts: Vec<&Money> = pool
        .invoices
        .iter()
        .filter(|i| i.customer == customer)
        .map(|i| &i.amount)
        .collect();
    let mean = amounts.iter().map(|m| (m.minor as f64).ln()).sum::<f64>() / amounts.len() as f64;
    Money::new(mean.exp().round() as i64, amounts[0].currency)
}

fn invoice(
    number: &str,
    customer: &str,
    date: NaiveDate,
    due: NaiveDate,
    amount: Money,
) -> Invoice {
    Invoice {
        due: Some(due),
        ..Invoice::new(number, customer, date, amount)
    }
}

/// Adds `extra` to the history and predicts them as of [`as_of`].
fn predict_extra(extra: Vec<Invoice>) -> Vec<Prediction> {
    predict_extra_with(extra, &ForecastSettings::default())
}

fn predict_extra_with(extra: Vec<Invoice>, settings: &ForecastSettings) -> Vec<Prediction> {
    let mut pool = history();
    let first = pool.invoices.len();
    pool.invoices.extend(extra);
    let all = predict(&pool, as_of(), settings);
    let mut out: Vec<Prediction> = all
        .predictions
        .into_iter()
        .filter(|p| p.index >= first)
        .collect();
    out.sort_by_key(|p| p.index);
    out
}

/// A typical new invoice of customer `i`: dated 15 days ago, due in 15 days (30-day terms).
fn fresh(i: usize, number: &str) -> Invoice {
    let code = customer_code(i);
    let amount = typical_amount(&history(), &code);
    let t = as_of().0;
    invoice(
        number,
        &code,
        t - Duration::days(15),
        t + Duration::days(15),
        amount,
    )
}

fn delay_sum(p: &Prediction) -> f64 {
    let e = &p.explanation;
    e.history.base_delay
        + e.contributions.iter().map(|c| c.days).sum::<f64>()
        + e.residual_shift_days
        + e.unpaid_shift_days
}

#[test]
fn customer_always_ten_days_late_is_predicted_ten_days_late() {
    let i = customer_with(Habit::LateTen);
    let p = &predict_extra(vec![fresh(i, "X1")])[0];
    assert!((p.delay_days - 10).abs() <= 1, "{p:#?}");
    assert_eq!(p.expected, p.due + Duration::days(p.delay_days));
    let h = &p.explanation.history;
    assert!(h.settled >= 40, "{h:?}");
    assert!(h.credibility > 0.8, "{h:?}");
    assert!((h.weighted_mean_delay.unwrap() - 10.0).abs() < 0.5);
    assert!(p.late_risk < 0.1, "{}", p.late_risk);
}

#[test]
fn on_time_customer_is_predicted_on_the_due_date() {
    let i = customer_with(Habit::OnTime);
    let p = &predict_extra(vec![fresh(i, "X1")])[0];
    assert!(p.delay_days.abs() <= 1, "{p:#?}");
    assert!(p.late_risk < 0.05);
}

#[test]
fn new_customer_falls_back_to_the_portfolio() {
    let t = as_of().0;
    let amount = typical_amount(&history(), &customer_code(4));
    let make =
        |n: &str, c: &str| invoice(n, c, t - Duration::days(15), t + Duration::days(15), amount);
    let ps = predict_extra(vec![make("N1", "NEW-A"), make("N2", "NEW-B")]);
    let (a, b) = (&ps[0], &ps[1]);
    let h = &a.explanation.history;
    assert_eq!(h.settled, 0);
    assert_eq!(h.weighted_mean_delay, None);
    assert_eq!(h.credibility, 0.0);
    assert_eq!(h.base_delay, h.portfolio_mean_delay);
    assert_eq!(a.delay_days, b.delay_days);
    assert_eq!(a.late_risk, b.late_risk);
    // The portfolio mixes on-time and very late payers: neither extreme.
    assert!(a.delay_days > 0 && a.delay_days < 30, "{a:#?}");
    // A customer with little history sits between its own habit and the portfolio.
    let few = (0..64).find(|&i| i % 10 == 9).unwrap();
    let p = &predict_extra(vec![fresh(few, "F1")])[0];
    let h = &p.explanation.history;
    assert_eq!(h.settled, 2);
    let full = &predict_extra(vec![fresh(few - 1, "F2")])[0]
        .explanation
        .history;
    assert!(
        h.credibility > 0.0 && h.credibility < full.credibility,
        "{h:?} {full:?}"
    );
    let own = h.weighted_mean_delay.unwrap();
    let (lo, hi) = (
        own.min(h.portfolio_mean_delay),
        own.max(h.portfolio_mean_delay),
    );
    assert!(
        h.base_delay >= lo - 1.0 && h.base_delay <= hi + 1.0,
        "{h:?}"
    );
}

#[test]
fn an_invoice_already_twenty_days_late_is_predicted_later() {
    let t = as_of().0;
    for habit in [Habit::Erratic, Habit::Typical] {
        let code = customer_code(customer_with(habit));
        let amount = typical_amount(&history(), &code);
        let average = invoice(
            "A1",
            &code,
            t - Duration::days(15),
            t + Duration::days(15),
            amount,
        );
        let late = invoice(
            "A2",
            &code,
            t - Duration::days(50),
            t - Duration::days(20),
            amount,
        );
        let ps = predict_extra(vec![average, late]);
        let (avg, late) = (&ps[0], &ps[1]);
        assert_eq!(late.days_late_now, 20);
        assert!(late.delay_days >= 21, "{late:#?}");
        assert!(
            late.delay_days > avg.delay_days,
            "{habit:?}: {avg:#?} {late:#?}"
        );
        assert!(late.expected > t);
        assert!(late.late_risk >= avg.late_risk, "{habit:?}");
        assert!(late.explanation.unpaid_shift_days > 0.0);
    }
    // New customer, portfolio history: same story.
    let amount = typical_amount(&history(), &customer_code(4));
    let ps = predict_extra(vec![
        invoice(
            "B1",
            "NEW",
            t - Duration::days(15),
            t + Duration::days(15),
            amount,
        ),
        invoice(
            "B2",
            "NEW",
            t - Duration::days(50),
            t - Duration::days(20),
            amount,
        ),
    ]);
    assert!(ps[1].delay_days > ps[0].delay_days);
    assert!(ps[1].delay_days >= 21);
}

#[test]
fn month_end_payer_is_predicted_at_month_end() {
    let i = customer_with(Habit::MonthEnd);
    let code = customer_code(i);
    let amount = typical_amount(&history(), &code);
    let due = d(2024, 5, 10);
    let p = &predict_extra(vec![invoice("M1", &code, d(2024, 4, 10), due, amount)])[0];
    assert!(
        p.expected >= d(2024, 5, 28) && p.expected <= d(2024, 6, 2),
        "{p:#?}"
    );
    let me = p
        .explanation
        .contributions
        .iter()
        .find(|c| c.feature == Feature::MonthEndPayer)
        .unwrap();
    assert!(me.days > 3.0, "{me:?}");
}

#[test]
fn disputes_and_recency_move_predictions() {
    let i = customer_with(Habit::Typical);
    let mut disputed = fresh(i, "D2");
    disputed.disputed = true;
    let ps = predict_extra(vec![fresh(i, "D1"), disputed]);
    assert!(ps[1].delay_days >= ps[0].delay_days + 10, "{:#?}", ps);
    let c = ps[1]
        .explanation
        .contributions
        .iter()
        .find(|c| c.feature == Feature::Disputed)
        .unwrap();
    assert!(c.days > 10.0 && c.value == 1.0, "{c:?}");

    // Drifting: on time in 2023, ~25 days late since; the recency weighting follows.
    let drift = customer_with(Habit::Drifting);
    let p = &predict_extra(vec![fresh(drift, "R1")])[0];
    assert!(p.delay_days >= 19, "{p:#?}");
    let flat = ForecastSettings {
        half_life_days: 1e9,
        ..ForecastSettings::default()
    };
    let q = &predict_extra_with(vec![fresh(drift, "R1")], &flat)[0];
    assert!(
        q.delay_days < p.delay_days,
        "{} vs {}",
        q.delay_days,
        p.delay_days
    );
}

#[test]
fn larger_invoices_of_a_customer_are_predicted_later() {
    let i = customer_with(Habit::Typical);
    let mut big = fresh(i, "L2");
    big.amount.minor *= 8;
    let ps = predict_extra(vec![fresh(i, "L1"), big]);
    assert!(ps[1].delay_days > ps[0].delay_days, "{ps:#?}");
}

#[test]
fn late_risk_follows_the_threshold() {
    let i = customer_with(Habit::LateTen);
    let t = as_of().0;
    let code = customer_code(i);
    let amount = typical_amount(&history(), &code);
    let very_late = invoice(
        "V",
        &code,
        t - Duration::days(70),
        t - Duration::days(40),
        amount,
    );
    let ps = predict_extra(vec![fresh(i, "F"), very_late.clone()]);
    assert!(ps[0].late_risk < 0.1);
    assert_eq!(ps[1].late_risk, 1.0);
    let strict = ForecastSettings {
        late_threshold_days: 5,
        ..ForecastSettings::default()
    };
    let ps = predict_extra_with(vec![fresh(i, "F")], &strict);
    assert!(ps[0].late_risk > 0.8, "{}", ps[0].late_risk);
}

#[test]
fn explanations_add_up_and_ranges_are_ordered() {
    let out = predict(&history(), as_of(), &ForecastSettings::default());
    assert!(out.predictions.len() > 50);
    for p in &out.predictions {
        assert!((delay_sum(p) - p.delay_days as f64).abs() < 1e-6, "{p:#?}");
        assert!(p.early <= p.expected && p.expected <= p.late);
        assert!(p.expected > as_of().0);
        assert!((0.0..=1.0).contains(&p.late_risk));
        assert_eq!(p.explanation.contributions.len(), Feature::ALL.len());
    }
    assert!(out.model.credibility_k() > 0.0);
    assert_eq!(out.model.coefficients().len(), Feature::ALL.len());
}

#[test]
fn every_open_invoice_is_predicted_after_as_of() {
    let pool = history();
    let l = ledger(&pool, as_of());
    let out = predict_with_ledger(&pool, &l, &ForecastSettings::default());
    let open: Vec<usize> = l
        .lines
        .iter()
        .filter(|x| x.open.minor > 0)
        .map(|x| x.index)
        .collect();
    let predicted: Vec<usize> = out.predictions.iter().map(|p| p.index).collect();
    assert_eq!(open, predicted);
    // Training saw exactly the settled ones.
    let settled: Vec<usize> = l
        .lines
        .iter()
        .filter(|x| x.open.minor == 0 && x.settled_on.is_some())
        .map(|x| x.index)
        .collect();
    assert_eq!(out.model.trained_on(), settled.as_slice());
}

#[test]
fn cash_forecast_adds_up_exactly_per_currency() {
    let pool = history();
    let settings = ForecastSettings::default();
    let l = ledger(&pool, as_of());
    let out = predict_with_ledger(&pool, &l, &settings);
    let f = cash_forecast(&out.predictions, as_of(), settings.weeks);
    assert_eq!(f.currencies.len(), 2);
    for c in &f.currencies {
        assert_eq!(c.weeks.len(), 13);
        assert_eq!(c.weeks[0].start, as_of().0 + Duration::days(1));
        assert_eq!(c.weeks[0].end, Some(as_of().0 + Duration::days(7)));
        assert_eq!(c.weeks[12].end, Some(as_of().0 + Duration::days(91)));
        assert_eq!(c.later.start, as_of().0 + Duration::days(92));
        assert_eq!(c.later.end, None);
        let all = c.weeks.iter().chain([&c.later]);
        let sum = |f: fn(&Bucket) -> i64| all.clone().map(f).sum::<i64>();
        let total = l.total_open.get(c.currency).minor;
        assert_eq!(c.total_open.minor, total);
        assert_eq!(sum(|b| b.expected.minor), total);
        assert_eq!(sum(|b| b.early.minor), total);
        assert_eq!(sum(|b| b.late.minor), total);
        for b in all {
            assert!(b.low.minor <= b.expected.minor && b.expected.minor <= b.high.minor);
            // Drill-down: the invoices behind the week are exactly its expected sum.
            let behind: i64 = b
                .invoices
                .iter()
                .map(|&i| out.predictions.iter().find(|p| p.index == i).unwrap())
                .inspect(|p| {
                    assert!(p.expected >= b.start);
                    assert!(b.end.is_none_or(|e| p.expected <= e));
                })
                .map(|p| p.open.minor)
                .sum();
            assert_eq!(behind, b.expected.minor);
        }
    }
    assert!(f.currency(Currency::USD).is_some());
    assert!(f.currency(Currency::EUR).is_none());
}

#[test]
fn backtest_beats_both_baselines_on_generated_history() {
    // 160 customers: about 800 scored invoices. Over eight seeds the model's MAE and Brier
    // were at most 0.78 and 0.81 of the better baseline's; the bar is 0.9.
    let pool = synthetic_history(&SynthSpec {
        customers: 160,
        ..spec(2024)
    });
    let cutoff = d(2024, 3, 1);
    let bt = backtest(
        &pool,
        cutoff,
        cutoff + Duration::days(240),
        &ForecastSettings::default(),
    );
    assert!(bt.evaluated.len() > 600, "{}", bt.evaluated.len());
    let m = bt.model.unwrap();
    let due = bt.due_date_baseline.unwrap();
    let cust = bt.customer_mean_baseline.unwrap();
    eprintln!("model {m:?}\ndue date {due:?}\ncustomer mean {cust:?}");
    assert!(m.mae_days < 0.9 * due.mae_days, "{m:?} vs {due:?}");
    assert!(m.mae_days < 0.9 * cust.mae_days, "{m:?} vs {cust:?}");
    assert!(m.brier < 0.9 * due.brier, "{m:?} vs {due:?}");
    assert!(m.brier < 0.9 * cust.brier, "{m:?} vs {cust:?}");
}

#[test]
fn backtest_never_scores_training_invoices_and_ignores_the_future() {
    let pool = synthetic_history(&spec(7));
    let cutoff = d(2024, 2, 15);
    let horizon = d(2024, 9, 1);
    let settings = ForecastSettings::default();
    let bt = backtest(&pool, cutoff, horizon, &settings);
    assert!(!bt.evaluated.is_empty() && !bt.trained_on.is_empty());
    assert!(bt
        .evaluated
        .iter()
        .all(|i| bt.trained_on.binary_search(i).is_err()));
    assert!(bt.evaluated.len() <= bt.open_at_cutoff);
    let at_cutoff = ledger(&pool, AsOf(cutoff));
    let at_horizon = ledger(&pool, AsOf(horizon));
    for &i in &bt.evaluated {
        assert!(at_cutoff.line_for(i).unwrap().open.minor > 0);
        let s = at_horizon.line_for(i).unwrap().settled_on.unwrap();
        assert!(s > cutoff && s <= horizon);
    }
    for &i in &bt.trained_on {
        assert!(at_cutoff.line_for(i).unwrap().settled_on.unwrap() <= cutoff);
    }

    // The same model comes out of a pool that has lost everything after the cut-off.
    let mut past = pool.clone();
    past.payments.retain(|p| p.date <= cutoff);
    past.invoices.retain(|i| i.date <= cutoff);
    let a = predict(&pool, AsOf(cutoff), &settings);
    let b = predict(&past, AsOf(cutoff), &settings);
    assert_eq!(a.predictions.len(), b.predictions.len());
    let number = |pool: &Pool, p: &Prediction| pool.invoices[p.index].number.clone();
    for (x, y) in a.predictions.iter().zip(&b.predictions) {
        assert_eq!(number(&pool, x), number(&past, y));
        assert_eq!((x.expected, x.early, x.late), (y.expected, y.early, y.late));
        assert_eq!(x.late_risk, y.late_risk);
    }

    // Nothing settles between the cut-off and an earlier horizon: nothing is scored.
    let none = backtest(&pool, cutoff, cutoff, &settings);
    assert!(none.evaluated.is_empty() && none.model.is_none());
}

#[test]
fn a_pool_without_history_uses_the_prior() {
    let t = as_of().0;
    let amount = Money::new(100_000, Currency::CNY);
    let pool = Pool {
        invoices: vec![
            invoice(
                "P1",
                "X",
                t - Duration::days(10),
                t + Duration::days(20),
                amount,
            ),
            invoice(
                "P2",
                "X",
                t - Duration::days(90),
                t - Duration::days(60),
                amount,
            ),
        ],
        ..Pool::default()
    };
    let out = predict(&pool, as_of(), &ForecastSettings::default());
    assert!(out.model.trained_on().is_empty());
    let (a, b) = (&out.predictions[0], &out.predictions[1]);
    assert!(a.expected >= a.due && b.expected > t);
    assert!(a.late_risk > 0.0 && a.late_risk < 1.0);
    assert_eq!(b.late_risk, 1.0);
    assert!((delay_sum(a) - a.delay_days as f64).abs() < 1e-6);
    let f = cash_forecast(&out.predictions, as_of(), 13);
    let c = f.currency(Currency::CNY).unwrap();
    assert_eq!(c.total_open.minor, 200_000);
}

#[test]
fn settings_round_trip_and_default_on_missing_fields() {
    let s: ForecastSettings = serde_json::from_str(r#"{"late_threshold_days": 45}"#).unwrap();
    assert_eq!(s.late_threshold_days, 45);
    assert_eq!(s.weeks, 13);
    let j = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<ForecastSettings>(&j).unwrap(), s);
}

#[test]
fn fixed_credibility_constant_is_respected() {
    let s = ForecastSettings {
        credibility_k: Some(0.0),
        ..ForecastSettings::default()
    };
    let out = predict(&history(), as_of(), &s);
    assert_eq!(out.model.credibility_k(), 0.0);
    let p = out
        .predictions
        .iter()
        .find(|p| p.explanation.history.settled > 0)
        .unwrap();
    assert_eq!(p.explanation.history.credibility, 1.0);
}

#[test]
fn synthetic_history_is_deterministic_and_has_each_habit() {
    assert_eq!(synthetic_history(&spec(1)), synthetic_history(&spec(1)));
    assert_ne!(synthetic_history(&spec(1)), synthetic_history(&spec(2)));
    let habits: Vec<Habit> = (0..8).map(habit_of).collect();
    for h in [
        Habit::LateTen,
        Habit::OnTime,
        Habit::MonthEnd,
        Habit::Erratic,
        Habit::Typical,
        Habit::Drifting,
    ] {
        assert!(habits.contains(&h));
    }
    // Month-end payers really pay on a month's last day.
    let pool = history();
    let l = ledger(&pool, AsOf(d(2026, 1, 1)));
    let code = customer_code(customer_with(Habit::MonthEnd));
    for line in l.lines.iter().filter(|x| x.customer(&pool) == code) {
        let s = line.settled_on.unwrap();
        assert_eq!((s + Duration::days(1)).day(), 1);
    }
}

/// 100 000 settled invoices: training finishes and every prediction is finite. Prints the
/// time (run with `--release -- --nocapture` to measure; no timing is asserted).
#[test]
fn trains_on_one_hundred_thousand_settled_invoices() {
    let pool = synthetic_history(&SynthSpec {
        seed: 99,
        customers: 1300,
        invoices_per_customer: 100,
        start: d(2022, 1, 1),
        days: 730,
    });
    let as_of = AsOf(d(2023, 12, 1));
    let l = ledger(&pool, as_of);
    let started = std::time::Instant::now();
    let model = train(&pool, &l, &ForecastSettings::default());
    let trained = started.elapsed();
    let predictions: Vec<Prediction> = l
        .lines
        .iter()
        .filter_map(|x| model.predict_line(&pool, x, as_of))
        .collect();
    eprintln!(
        "trained on {} in {:?}; {} predictions in {:?}",
        model.trained_on().len(),
        trained,
        predictions.len(),
        started.elapsed() - trained
    );
    assert!(model.trained_on().len() >= 100_000);
    assert!(!predictions.is_empty());
    for p in &predictions {
        assert!(p.late_risk.is_finite() && (0.0..=1.0).contains(&p.late_risk));
        assert!(delay_sum(p).is_finite());
        assert!(p.expected > as_of.0);
    }
}

#[test]
fn predictions_are_found_by_invoice_and_history_lists_what_was_learned() {
    let pool = history();
    let l = ledger(&pool, as_of());
    let p = predict_with_ledger(&pool, &l, &ForecastSettings::default());
    for x in &p.predictions {
        assert_eq!(p.for_invoice(x.index), Some(x));
    }
    let settled = l.lines.iter().find(|x| x.open.minor == 0).unwrap().index;
    assert_eq!(p.for_invoice(settled), None);
    assert_eq!(p.for_invoice(pool.invoices.len()), None);

    let code = customer_code(customer_with(Habit::LateTen));
    let h = settled_history(&pool, &l, &p.model, &code);
    let trained: Vec<usize> = p
        .model
        .trained_on()
        .iter()
        .copied()
        .filter(|&i| pool.invoices[i].customer == code)
        .collect();
    assert_eq!(h.len(), trained.len());
    assert!(h.len() >= 40);
    assert!(h.windows(2).all(|w| w[0].settled >= w[1].settled));
    assert!(h
        .iter()
        .all(|s| s.settled <= as_of().0 && s.delay_days == 10));
    assert!(settled_history(&pool, &l, &p.model, "nobody").is_empty());
}
