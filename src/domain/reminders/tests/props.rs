//! Properties over arbitrary pools.

use super::*;
use proptest::prelude::*;
use std::collections::HashMap;

/// (days overdue today, customer, disputed, USD?) per invoice.
fn arb_invoices() -> impl Strategy<Value = Vec<(i64, usize, bool, bool)>> {
    proptest::collection::vec(
        (
            -20i64..90,
            0usize..3,
            proptest::bool::weighted(0.15),
            any::<bool>(),
        ),
        0..30,
    )
}

fn world_of(invoices: &[(i64, usize, bool, bool)]) -> World {
    let mut w = World::new();
    w.pool.customers = vec![
        customer("C001", "华东精密", Some("B"), "张三"),
        customer("C002", "华南电子", Some("A"), "李四"),
        customer("C003", "", None, "未知"),
    ];
    let mut per_customer = [0usize; 3];
    for (i, &(days, c, disputed, dollars)) in invoices.iter().enumerate() {
        let currency = if dollars {
            Currency::USD
        } else {
            Currency::CNY
        };
        per_customer[c] += 1;
        let mut inv = invoice(
            // Unique per customer (the natural key), repeated across customers.
            &format!("INV-{}", per_customer[c]),
            &format!("C00{}", c + 1),
            days_ago(days),
            Money::new(100 + i as i64, currency),
        );
        inv.disputed = disputed;
        w.add(inv);
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn each_matching_enabled_default_rule_fires_exactly_once_per_invoice(invoices in arb_invoices()) {
        let w = world_of(&invoices);
        let out = w.run(today());
        let mut covered: HashMap<(String, String, usize), usize> = HashMap::new();
        for r in &out {
            prop_assert_eq!(r.invoices.len(), 1);
            *covered.entry((r.customer.clone(), r.invoices[0].clone(), r.rule)).or_default() += 1;
        }
        let mut expected: HashMap<(String, String, usize), usize> = HashMap::new();
        for (i, inv) in w.pool.invoices.iter().enumerate() {
            let (days, _, disputed, _) = invoices[i];
            if disputed {
                continue;
            }
            for (r, rule) in w.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
                if rule.conditions.days.contains(days) {
                    *expected.entry((inv.customer.clone(), inv.number.clone(), r)).or_default() += 1;
                }
            }
        }
        prop_assert_eq!(&covered, &expected);
        let per_rule = w.preview(today());
        for (r, count) in per_rule {
            let fired = out.iter().filter(|x| x.rule == r).count();
            prop_assert_eq!(count, if w.rules[r].enabled { fired } else { count });
        }
    }

    #[test]
    fn output_is_sorted_and_independent_of_pool_order(
        invoices in arb_invoices(),
        seed in any::<u64>(),
        consolidate in any::<bool>(),
    ) {
        let mut w = world_of(&invoices);
        if consolidate {
            w.rules.iter_mut().for_each(|r| {
                r.enabled = true;
                r.consolidation = crate::domain::rules::Consolidation::PerCustomer;
            });
        }
        let out = w.run(today());
        for pair in out.windows(2) {
            let key = |r: &Reminder| (r.rule, r.customer.clone());
            prop_assert!(key(&pair[0]) <= key(&pair[1]));
        }
        // A deterministic shuffle of the pool gives the same reminders.
        let n = w.pool.invoices.len();
        if n > 1 {
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                w.pool.invoices.swap(i, (s >> 33) as usize % (i + 1));
            }
        }
        prop_assert_eq!(w.run(today()), out);
    }

    #[test]
    fn consolidated_amounts_and_totals_add_up(invoices in arb_invoices()) {
        let mut w = world_of(&invoices);
        w.rules.iter_mut().for_each(|r| {
            r.consolidation = crate::domain::rules::Consolidation::PerCustomer;
            r.skip_disputed = false;
        });
        let per_invoice = {
            let mut w2 = world_of(&invoices);
            w2.rules.iter_mut().for_each(|r| r.skip_disputed = false);
            w2.run(today())
        };
        let out = w.run(today());
        // Every (rule, customer, invoice) of the per-invoice run appears in the consolidated
        // run, and each consolidated reminder sums its invoices in one currency.
        for r in &out {
            prop_assert!(!r.invoices.is_empty());
            let sum: i64 = per_invoice
                .iter()
                .filter(|p| p.rule == r.rule && p.customer == r.customer && r.invoices.contains(&p.invoices[0]) && p.amount.currency == r.amount.currency)
                .map(|p| p.amount.minor)
                .sum();
            prop_assert_eq!(sum, r.amount.minor);
        }
        for p in &per_invoice {
            prop_assert!(out.iter().any(|r| r.rule == p.rule && r.customer == p.customer && r.invoices.contains(&p.invoices[0])));
        }
    }

    #[test]
    fn after_any_gap_each_invoice_gets_at_most_one_reminder_at_its_current_tier(
        invoices in arb_invoices(),
        ran_until in 0i64..30,
        gap in 1i64..40,
    ) {
        let mut w = world_of(&invoices);
        let start = days_ago(60);
        for n in 0..=ran_until {
            w.run_and_record(plus(start, n));
        }
        let as_of = plus(start, ran_until + gap);
        let out = w.run(as_of);
        let shift = as_of.signed_duration_since(today()).num_days();
        let mut seen = std::collections::HashSet::new();
        for r in &out {
            let i = w.pool.invoices.iter().position(|inv| inv.customer == r.customer && inv.number == r.invoices[0]).unwrap();
            prop_assert!(seen.insert((r.rule, i)), "one reminder per rule and invoice");
            let days = invoices[i].0 + shift;
            prop_assert!(w.rules[r.rule].conditions.days.contains(days), "fired at its current tier");
            prop_assert!(r.due_on > plus(start, ran_until) && r.due_on <= as_of);
        }
        // And nothing twice: recording and running again the same day adds nothing.
        w.history.record_run(&out, AsOf(as_of));
        prop_assert!(w.run(as_of).is_empty());
    }
}
