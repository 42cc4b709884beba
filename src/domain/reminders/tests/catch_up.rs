//! Cooldown, repeated runs and catching up the days the app was closed.

use super::*;
use crate::domain::rules::DayRange;

#[test]
fn daily_runs_fire_each_tier_once() {
    let mut w = World::new();
    let due = day(2026, 1, 1);
    w.add(invoice("INV-1", "C001", due, cny(100)));
    let mut fired = Vec::new();
    for n in 0..=75 {
        let d = plus(due, n);
        // The app also runs every hour: a second run the same day adds nothing.
        for (run, reminder) in [w.run_and_record(d), w.run_and_record(d)]
            .into_iter()
            .enumerate()
            .flat_map(|(run, out)| out.into_iter().map(move |r| (run, r)))
        {
            assert_eq!(run, 0, "second run on day {n} fired {reminder:?}");
            assert_eq!(reminder.due_on, d, "fired on the day it became due");
            fired.push((n, reminder.rule));
        }
    }
    // The open-ended tier repeats after its 30-day cooldown.
    assert_eq!(fired, [(1, 0), (8, 1), (16, 2), (31, 3), (61, 3)]);
}

#[test]
fn cooldown_keeps_a_rule_quiet_for_n_days() {
    let mut w = World::new();
    w.rules = vec![Rule {
        id: "weekly".into(),
        conditions: crate::domain::rules::Conditions {
            days: DayRange::at_least(1),
            ..Default::default()
        },
        cooldown_days: 3,
        ..w.rules[0].clone()
    }];
    w.add(invoice("INV-1", "C001", days_ago(1), cny(100)));
    assert_eq!(w.run_and_record(today()).len(), 1);
    assert!(w.run_and_record(plus(today(), 1)).is_empty());
    assert!(w.run_and_record(plus(today(), 2)).is_empty());
    let again = w.run_and_record(plus(today(), 3));
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].due_on, plus(today(), 3));
    // Cooldown 0 still means at most once a day.
    w.rules[0].cooldown_days = 0;
    assert!(w.run(plus(today(), 3)).is_empty());
    assert_eq!(w.run(plus(today(), 4)).len(), 1);
}

#[test]
fn history_after_the_as_of_date_is_ignored() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    w.run_and_record(today());
    // Looking back at yesterday: the firing recorded today had not happened yet.
    assert_eq!(w.run(plus(today(), -1)).len(), 1);
}

#[test]
fn days_closed_are_caught_up_once_at_the_current_tier() {
    let mut w = World::new();
    let last_run = day(2026, 3, 1);
    let as_of = day(2026, 3, 20);
    // Due 3-01: crossed 1–7 and 8–15 while closed, 19 days overdue now.
    w.add(invoice("INV-A", "C001", day(2026, 3, 1), cny(100)));
    // Due 3-15: entered 1–7 on 3-16 and is still in it.
    w.add(invoice("INV-B", "C001", day(2026, 3, 15), cny(100)));
    // Due 2-25: 1–7 fired on the last run; crossed into 8–15 (3-05) and 16–30 (3-13).
    w.add(invoice("INV-C", "C001", day(2026, 2, 25), cny(100)));
    // Due 1-20: 31+ fired on the last run, cooldown 30 → not again before 3-31.
    w.add(invoice("INV-D", "C001", day(2026, 1, 20), cny(100)));
    // Not yet due.
    w.add(invoice("INV-E", "C001", day(2026, 3, 25), cny(100)));
    let first = w.run_and_record(last_run);
    assert_eq!(shape(&first), [(0, vec!["INV-C"]), (3, vec!["INV-D"])]);

    let out = w.run_and_record(as_of);
    assert_eq!(
        shape(&out),
        [(0, vec!["INV-B"]), (2, vec!["INV-A"]), (2, vec!["INV-C"])]
    );
    let due_on: Vec<NaiveDate> = out.iter().map(|r| r.due_on).collect();
    assert_eq!(
        due_on,
        [day(2026, 3, 16), day(2026, 3, 17), day(2026, 3, 13)],
        "the day each reached the tier it fires at"
    );
    assert_eq!(out[1].days_overdue, 19);
    // Caught up: the next hourly run and the next day add nothing.
    assert!(w.run_and_record(as_of).is_empty());
    assert!(w.run_and_record(day(2026, 3, 21)).is_empty());
}

#[test]
fn catch_up_due_on_is_clamped_to_the_window_and_the_cooldown() {
    let mut w = World::new();
    w.rules = vec![Rule {
        id: "every-5".into(),
        conditions: crate::domain::rules::Conditions {
            days: DayRange::at_least(1),
            ..Default::default()
        },
        cooldown_days: 5,
        ..w.rules[0].clone()
    }];
    w.add(invoice("INV-1", "C001", day(2026, 2, 1), cny(100)));
    w.add(invoice("INV-2", "C001", day(2026, 1, 1), cny(100)));
    w.run_and_record(day(2026, 3, 1)); // both fire; next possible on 3-06
    w.pool
        .invoices
        .push(invoice("INV-3", "C001", day(2026, 1, 1), cny(100))); // imported late
    let out = w.run_and_record(day(2026, 3, 20));
    // Several cooldown periods passed while closed: one reminder each, due when the first
    // ended; the invoice imported since is due from the day after the last run.
    assert_eq!(
        shape(&out),
        [(0, vec!["INV-1"]), (0, vec!["INV-2"]), (0, vec!["INV-3"])]
    );
    let due_on: Vec<NaiveDate> = out.iter().map(|r| r.due_on).collect();
    assert_eq!(due_on, [day(2026, 3, 6), day(2026, 3, 6), day(2026, 3, 2)]);
}

#[test]
fn the_first_run_ever_is_due_today() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(20), cny(100)));
    let out = w.run(today());
    assert_eq!((out[0].rule, out[0].due_on), (2, today()));
}

#[test]
fn rules_are_remembered_by_id_not_position() {
    let mut w = World::new();
    w.add(invoice("INV-1", "C001", days_ago(3), cny(100)));
    w.run_and_record(today());
    w.rules.reverse();
    assert!(w.run(today()).is_empty(), "moving a rule keeps its history");
    w.rules.iter_mut().for_each(|r| r.id.push_str("-v2"));
    assert_eq!(w.run(today()).len(), 1, "a new id is a new rule");
}

/// The app's day model: each as-of day is evaluated against the history before it, and its
/// records replace themselves when the day is re-run.
fn run_day(w: &mut World, as_of: NaiveDate) -> Vec<Reminder> {
    let mut day_world = World {
        history: w.history.before(AsOf(as_of)),
        ..w.clone()
    };
    let out = day_world.run_and_record(as_of);
    w.history.replace_day(&out, AsOf(as_of));
    out
}

#[test]
fn re_running_a_day_gives_the_same_reminders_and_later_days_respect_its_cooldown() {
    let mut w = World::new();
    let due = day(2026, 3, 1);
    w.add(invoice("INV-1", "C001", due, cny(100)));
    let first = run_day(&mut w, plus(due, 3));
    assert_eq!(shape(&first), [(0, vec!["INV-1"])]);
    assert_eq!(
        run_day(&mut w, plus(due, 3)),
        first,
        "the hourly re-run shows the day again"
    );
    assert_eq!(
        w.history.records.len(),
        1,
        "and does not duplicate its records"
    );
    // Two days later the 1–7 tier is cooling down; on day 8 the next tier fires.
    assert!(run_day(&mut w, plus(due, 5)).is_empty());
    assert_eq!(shape(&run_day(&mut w, plus(due, 8))), [(1, vec!["INV-1"])]);
    // Going back to day 3 ignores what later days created.
    assert_eq!(run_day(&mut w, plus(due, 3)), first);
}

#[test]
fn before_keeps_the_latest_earlier_run_for_catch_up() {
    let mut w = World::new();
    let due = day(2026, 3, 1);
    w.add(invoice("INV-1", "C001", due, cny(100)));
    run_day(&mut w, plus(due, 2));
    let h = w.history.before(AsOf(plus(due, 19)));
    assert_eq!(h.last_run, Some(plus(due, 2)));
    // Closed from day 2 to day 19: one reminder, at the 16–30 tier, due since day 16.
    let out = run_day(&mut w, plus(due, 19));
    assert_eq!(shape(&out), [(2, vec!["INV-1"])]);
    assert_eq!(out[0].due_on, plus(due, 16));
    assert_eq!(w.history.before(AsOf(plus(due, 2))).last_run, None);
}
