//! Warnings about a rule set, for the editor: overlapping or gapped day ranges, templates that
//! do not parse, rules that cannot work.

use super::{Audience, Channel, Conditions, DayRange, Rule};
use crate::domain::templates::{Lang, Template, TemplateError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplatePart {
    Subject,
    Body,
}

/// Something the editor should point out. Rule indices are 0-based positions in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleWarning {
    /// A template that does not parse (an unknown or unclosed placeholder).
    Template {
        rule: usize,
        /// Index in the rule's `templates`.
        template: usize,
        channel: Option<Channel>,
        lang: Lang,
        part: TemplatePart,
        error: TemplateError,
    },
    /// A channel of the rule with no template in any language.
    MissingTemplate {
        rule: usize,
        channel: Channel,
    },
    /// Another rule earlier in the list has the same id.
    DuplicateId {
        rule: usize,
        first: usize,
    },
    NoRecipients {
        rule: usize,
    },
    NoChannels {
        rule: usize,
    },
    /// The rule's conditions contradict each other or its skip flags (e.g. an empty day
    /// range, or "disputed" while skipping disputed invoices).
    NeverFires {
        rule: usize,
    },
    /// Two enabled rules of the same audience that can match the same invoice on these days.
    Overlap {
        first: usize,
        second: usize,
        days: DayRange,
    },
    /// Days between two enabled rules of the same audience and the same other conditions
    /// that neither covers.
    Gap {
        before: usize,
        after: usize,
        from: i64,
        to: i64,
    },
}

/// Checks every rule's templates and shape, then the day ranges of the enabled rules.
///
/// - Overlap: two enabled rules with the same audience whose day ranges intersect and whose
///   other conditions could hold for one invoice (grade, region and product-line sets that
///   share a value, flags that agree). Amount thresholds and tags are assumed compatible.
/// - Gap: among enabled rules of the same audience with identical other conditions (a
///   ladder of tiers), days after one rule's range and before the next one's that no rule of
///   the ladder covers. Days before the first and after the last tier are not gaps.
pub fn check_rules(rules: &[Rule]) -> Vec<RuleWarning> {
    let mut out = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        check_one(i, rule, rules, &mut out);
    }
    let enabled: Vec<usize> = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.enabled && !r.conditions.days.is_empty())
        .map(|(i, _)| i)
        .collect();
    for (n, &a) in enabled.iter().enumerate() {
        for &b in &enabled[n + 1..] {
            let (ra, rb) = (&rules[a], &rules[b]);
            if ra.audience() != rb.audience() || !compatible(ra, rb) {
                continue;
            }
            if let Some(days) = ra.conditions.days.intersection(&rb.conditions.days) {
                out.push(RuleWarning::Overlap {
                    first: a,
                    second: b,
                    days,
                });
            }
        }
    }
    gaps(rules, &enabled, &mut out);
    out
}

fn check_one(i: usize, rule: &Rule, rules: &[Rule], out: &mut Vec<RuleWarning>) {
    if let Some(first) = rules[..i].iter().position(|r| r.id == rule.id) {
        out.push(RuleWarning::DuplicateId { rule: i, first });
    }
    for (t, template) in rule.templates.iter().enumerate() {
        let parts = [
            (TemplatePart::Subject, template.subject.as_deref()),
            (TemplatePart::Body, Some(template.body.as_str())),
        ];
        for (part, text) in parts {
            if let Some(Err(error)) = text.map(Template::parse) {
                out.push(RuleWarning::Template {
                    rule: i,
                    template: t,
                    channel: template.channel,
                    lang: template.lang,
                    part,
                    error,
                });
            }
        }
    }
    for &channel in &rule.channels {
        if rule.template_for(channel, Lang::Zh).is_none() {
            out.push(RuleWarning::MissingTemplate { rule: i, channel });
        }
    }
    if rule.recipients.is_empty() {
        out.push(RuleWarning::NoRecipients { rule: i });
    }
    if rule.channels.is_empty() {
        out.push(RuleWarning::NoChannels { rule: i });
    }
    if rule.never_fires() {
        out.push(RuleWarning::NeverFires { rule: i });
    }
}

/// Whether some invoice could satisfy both rules' non-day conditions.
fn compatible(a: &Rule, b: &Rule) -> bool {
    let (ca, cb) = (&a.conditions, &b.conditions);
    let flags_agree = a
        .effective_flags()
        .iter()
        .zip(b.effective_flags().iter())
        .all(|(x, y)| x.is_none() || y.is_none() || x == y);
    // An unexpired promise and a broken one exclude each other.
    let promise_clash =
        |x: &Conditions, y: &Conditions| x.promised == Some(true) && y.promise_broken == Some(true);
    flags_agree
        && !promise_clash(ca, cb)
        && !promise_clash(cb, ca)
        && grades_compatible(ca, cb)
        && sets_meet(&ca.regions, &cb.regions)
        && sets_meet(&ca.product_lines, &cb.product_lines)
}

fn contains(set: &[String], value: &str) -> bool {
    set.iter().any(|s| super::same_text(s, value))
}

/// Two "one of" sets can both hold unless both are set and share no value.
fn sets_meet(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|v| contains(b, v))
}

fn grades_compatible(a: &Conditions, b: &Conditions) -> bool {
    // Grades either rule accepts that neither rule excludes.
    let allowed = |c: &Conditions, other: &Conditions| {
        c.credit_grades
            .iter()
            .any(|g| !contains(&c.exclude_grades, g) && !contains(&other.exclude_grades, g))
    };
    match (a.credit_grades.is_empty(), b.credit_grades.is_empty()) {
        (true, true) => true,
        (false, true) => allowed(a, b),
        (true, false) => allowed(b, a),
        (false, false) => a.credit_grades.iter().any(|g| {
            contains(&b.credit_grades, g)
                && !contains(&a.exclude_grades, g)
                && !contains(&b.exclude_grades, g)
        }),
    }
}

fn gaps(rules: &[Rule], enabled: &[usize], out: &mut Vec<RuleWarning>) {
    // Ladders: same audience, same conditions apart from days, same effective flags. Keyed
    // by the first rule of the ladder, so the output follows the rule order.
    let mut ladders: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut heads: Vec<(Audience, Conditions, [Option<bool>; 3], usize)> = Vec::new();
    for &i in enabled {
        let r = &rules[i];
        let shape = (
            r.audience(),
            r.conditions.without_days(),
            r.effective_flags(),
        );
        let head = heads
            .iter()
            .find(|(a, c, f, _)| (*a, c, *f) == (shape.0, &shape.1, shape.2))
            .map(|h| h.3);
        match head {
            Some(h) => ladders.entry(h).or_default().push(i),
            None => {
                heads.push((shape.0, shape.1, shape.2, i));
                ladders.entry(i).or_default().push(i);
            }
        }
    }
    for tiers in ladders.values_mut() {
        tiers.sort_by_key(|&i| {
            let d = rules[i].conditions.days;
            (d.from.unwrap_or(i64::MIN), d.to.unwrap_or(i64::MAX), i)
        });
        // The furthest day covered so far, and the rule that covers it.
        let mut reach: Option<(i64, usize)> = None;
        for &i in tiers.iter() {
            let d = rules[i].conditions.days;
            if let (Some((end, before)), Some(from)) = (reach, d.from) {
                if from > end.saturating_add(1) {
                    out.push(RuleWarning::Gap {
                        before,
                        after: i,
                        from: end + 1,
                        to: from - 1,
                    });
                }
            }
            reach = match (reach, d.to) {
                (_, None) => Some((i64::MAX, i)),
                (None, Some(to)) => Some((to, i)),
                (Some((end, b)), Some(to)) if end >= to => Some((end, b)),
                (Some(_), Some(to)) => Some((to, i)),
            };
        }
    }
}
