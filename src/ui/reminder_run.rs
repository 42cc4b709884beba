//! Runs the reminder rules in the browser: when the app opens, when the data, rules, notes or
//! as-of date change, and every hour while the page is open (moving the as-of date to the new
//! day when it was following today). Each run of a day is evaluated against the history
//! before that day (`ReminderHistory::before`), so re-running a day shows the same
//! reminders; the day's records and the `created` audit entries are then stored.

use super::app::AppState;
use super::browser;
use super::data::Data;
use super::data_credit::Ratings;
use super::forecast::Forecast;
use super::i18n::Lang as UiLang;
use crate::domain::asof::AsOf;
use crate::domain::audit::{AuditAction, AuditEntry};
use crate::domain::forecast::Predictions;
use crate::domain::reminders::{
    evaluate, CreditFacts, EvalInput, Reminder, ReminderHistory, ReminderSettings,
};
use crate::domain::rules::{Rule, Severity};
use crate::domain::templates::Lang;
use crate::export::reminders::main_text;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

/// The reminders of one as-of day.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Day {
    pub as_of: Option<AsOf>,
    pub reminders: Vec<Reminder>,
}

#[derive(Clone, Copy)]
pub struct ReminderRun {
    pub day: Memo<Day>,
    /// What other parts of the app computed that rule conditions read.
    pub computed: Computed,
    /// The last store error, if the day could not be recorded.
    pub error: RwSignal<Option<String>>,
}

/// Credit facts by customer, and the payment predictions (trained only when a rule asks).
#[derive(Clone, Copy)]
pub struct Computed {
    pub credit: Memo<HashMap<String, CreditFacts>>,
    pub predictions: Memo<Predictions>,
}

pub fn message_lang(lang: UiLang) -> Lang {
    match lang {
        UiLang::Zh => Lang::Zh,
        UiLang::En => Lang::En,
    }
}

pub fn provide(state: AppState, data: Data) -> ReminderRun {
    let tick = RwSignal::new(0u64);
    let ratings = expect_context::<Ratings>().0;
    let credit = Memo::new(move |_| {
        ratings.with(|rs| {
            rs.iter()
                .map(|r| {
                    let facts = CreditFacts {
                        grade: r.grade.letter().map(str::to_owned),
                        limit_use_bp: r.limit.as_ref().and_then(|l| l.utilisation_bp),
                    };
                    (r.customer.clone(), facts)
                })
                .collect::<HashMap<String, CreditFacts>>()
        })
    });
    let computed = Computed {
        credit,
        predictions: expect_context::<Forecast>().predictions,
    };
    let day = Memo::new(move |_| {
        tick.track();
        if !matches!(data.ready.get(), Some(Ok(()))) {
            return Day::default();
        }
        let as_of = AsOf(state.as_of.get());
        let history = data.history.with_untracked(|h| h.before(as_of));
        let reminders = data.rules.with(|rules| {
            with_input(
                state,
                data,
                computed,
                &rules.rules,
                &history,
                as_of,
                evaluate,
            )
        });
        Day {
            as_of: Some(as_of),
            reminders,
        }
    });
    let run = ReminderRun {
        day,
        computed,
        error: RwSignal::new(None),
    };

    // Store each new state of the day, one write at a time, always the latest.
    let pending: StoredValue<Option<Day>> = StoredValue::new(None);
    let writing = StoredValue::new(false);
    Effect::new(move |_| {
        let d = day.get();
        if d.as_of.is_none() {
            return;
        }
        pending.set_value(Some(d));
        if writing.get_value() {
            return;
        }
        writing.set_value(true);
        leptos::task::spawn_local(async move {
            while let Some(d) = pending.try_update_value(Option::take).flatten() {
                let result = record_day(data, &d).await;
                run.error.set(result.err());
            }
            writing.set_value(false);
        });
    });

    // The hourly run.
    let follows_today = StoredValue::new(true);
    Effect::new(move |_| {
        follows_today.set_value(state.as_of.get() == browser::today());
    });
    gloo_timers::callback::Interval::new(3_600_000, move || {
        let today = browser::today();
        if follows_today.get_value() && state.as_of.get_untracked() != today {
            state.as_of.set(today);
        }
        tick.update(|n| *n += 1);
    })
    .forget();
    run
}

/// Runs `f` (evaluate, or count) on `rules` with the app's pool, ledger, notes, computed
/// credit facts, late risks (only when a rule asks: training is not free) and message
/// settings as of `as_of`, against `history`. Tracked reads: call it in a memo, which then
/// follows every input.
pub fn with_input<R>(
    state: AppState,
    data: Data,
    computed: Computed,
    rules: &[Rule],
    history: &ReminderHistory,
    as_of: AsOf,
    f: impl FnOnce(&EvalInput<'_>) -> R,
) -> R {
    let settings = ReminderSettings {
        company: data.company.get(),
        language: message_lang(state.lang.get()),
    };
    let wants_risk = rules
        .iter()
        .any(|r| r.enabled && r.conditions.uses_late_risk());
    let run = |late_risk: Option<&Predictions>| {
        data.pool.with(|pool| {
            state.ledger.with(|ledger| {
                data.notes.with(|notes| {
                    computed.credit.with(|credit| {
                        f(&EvalInput {
                            pool,
                            ledger,
                            rules,
                            directory: &pool.staff,
                            as_of,
                            history,
                            notes,
                            settings: &settings,
                            credit,
                            late_risk,
                        })
                    })
                })
            })
        })
    };
    if wants_risk {
        computed.predictions.with(|p| run(Some(p)))
    } else {
        run(None)
    }
}

/// Stores the day's history and logs the reminders not created before; notifies the user of
/// new high and critical ones.
async fn record_day(data: Data, d: &Day) -> Result<(), String> {
    let Some(as_of) = d.as_of else { return Ok(()) };
    let now = browser::now_ms();
    let known: HashSet<String> = data.audit.with_untracked(|a| {
        a.iter()
            .filter(|e| e.action == AuditAction::Created && e.as_of == as_of.0)
            .map(AuditEntry::creation_key)
            .collect()
    });
    let fresh: Vec<(&Reminder, AuditEntry)> = d
        .reminders
        .iter()
        .map(|r| {
            let e = AuditEntry::about(r, AuditAction::Created, None, main_text(r), now, as_of.0);
            (r, e)
        })
        .filter(|(_, e)| !known.contains(&e.creation_key()))
        .collect();
    let urgent: Vec<(String, String)> = fresh
        .iter()
        .filter(|(r, _)| r.severity >= Severity::High)
        .map(|(r, e)| (r.rule_name.clone(), e.text.clone()))
        .collect();
    let created: Vec<AuditEntry> = fresh.into_iter().map(|(_, e)| e).collect();
    data.save_day(&d.reminders, as_of, created)
        .await
        .map_err(|e| format!("{e:?}"))?;
    if let Some((title, body)) = urgent.first() {
        let more = if urgent.len() > 1 {
            format!(" (+{})", urgent.len() - 1)
        } else {
            String::new()
        };
        browser::notify(&format!("{title}{more}"), body, false).await;
    }
    Ok(())
}
