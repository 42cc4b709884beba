//! Turning fired (rule, invoice) pairs into reminders: recipients, consolidation, messages.

use super::context::{Directory, Facts, Resolution};
use super::{
    BrokenPromise, Message, Recipient, RecipientKind, Reminder, ReminderSettings, ReminderWarning,
};
use crate::domain::model::{Customer, Reach};
use crate::domain::money::Currency;
use crate::domain::rules::{Audience, Channel, Rule, TemplatePart};
use crate::domain::templates::{DetailLine, Lang, MessageFields, Template, TemplateError};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A rule fires for an invoice: since when, and whether over a broken promise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fire {
    pub due_on: NaiveDate,
    /// The promised date of a broken promise.
    pub broken: Option<NaiveDate>,
}

/// One rule's templates, parsed once per evaluation.
struct Parsed {
    subject: Option<Result<Template, TemplateError>>,
    body: Result<Template, TemplateError>,
}

/// Builds one rule's reminders.
pub(super) struct Builder<'a> {
    index: usize,
    rule: &'a Rule,
    directory: &'a Directory<'a>,
    settings: &'a ReminderSettings,
    audience: Audience,
    parsed: Vec<Parsed>,
    /// For each of the rule's channels, the template it uses.
    choice: Vec<(Channel, Option<usize>)>,
}

/// Who a consolidated reminder goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Staff(usize),
    Customer,
    /// Invoices none of whose recipients could be resolved.
    Nobody,
}

struct Group<'s> {
    first: usize,
    items: Vec<usize>,
    resolution: Resolution<'s>,
}

impl<'a> Builder<'a> {
    pub fn new(
        index: usize,
        rule: &'a Rule,
        directory: &'a Directory<'a>,
        settings: &'a ReminderSettings,
    ) -> Builder<'a> {
        let parsed = rule
            .templates
            .iter()
            .map(|t| Parsed {
                subject: t.subject.as_deref().map(Template::parse),
                body: Template::parse(&t.body),
            })
            .collect();
        let lang = rule.language.unwrap_or(settings.language);
        let choice = rule
            .channels
            .iter()
            .map(|&c| (c, rule.template_for(c, lang)))
            .collect();
        Builder {
            index,
            rule,
            directory,
            settings,
            audience: rule.audience(),
            parsed,
            choice,
        }
    }

    /// One reminder for one invoice, to all its recipients.
    pub fn per_invoice(&self, item: &(&Facts<'_>, Fire)) -> Reminder {
        let mut resolution = Resolution::default();
        self.directory
            .resolve(&self.rule.recipients, item.0.salesperson, &mut resolution);
        self.reminder(std::slice::from_ref(item), &resolution)
    }

    /// One customer's fired invoices: one reminder per currency and recipient.
    pub fn per_customer(&self, fired: &[(&Facts<'_>, Fire)], out: &mut Vec<Reminder>) {
        let mut groups: BTreeMap<(Currency, Who), Group<'a>> = BTreeMap::new();
        for (pos, (facts, _)) in fired.iter().enumerate() {
            let mut res = Resolution::default();
            self.directory
                .resolve(&self.rule.recipients, facts.salesperson, &mut res);
            let mut whos: Vec<Who> = res.staff.iter().map(|(p, _)| Who::Staff(*p)).collect();
            if res.customer {
                whos.push(Who::Customer);
            }
            if whos.is_empty() {
                whos.push(Who::Nobody);
            }
            for who in whos {
                let g = groups
                    .entry((facts.line.currency, who))
                    .or_insert_with(|| Group {
                        first: pos,
                        items: Vec::new(),
                        resolution: Resolution::default(),
                    });
                g.items.push(pos);
                let merged = &mut g.resolution;
                match who {
                    Who::Staff(p) => {
                        let roles = res.staff.iter().find(|(q, _)| *q == p).map(|s| &s.1);
                        match roles {
                            Some(roles) if !roles.is_empty() => {
                                roles.iter().for_each(|&r| merged.add(p, Some(r)))
                            }
                            _ => merged.add(p, None),
                        }
                    }
                    Who::Customer => merged.customer = true,
                    Who::Nobody => {}
                }
                res.unresolved_roles
                    .iter()
                    .for_each(|&r| merged.unresolved(r));
                res.unknown_people.iter().for_each(|&n| merged.unknown(n));
            }
        }
        let mut groups: Vec<((Currency, Who), Group<'a>)> = groups.into_iter().collect();
        groups.sort_by_key(|((currency, who), g)| (g.first, *currency, *who));
        for (_, g) in groups {
            let items: Vec<(&Facts<'_>, Fire)> = g.items.iter().map(|&i| fired[i]).collect();
            out.push(self.reminder(&items, &g.resolution));
        }
    }

    fn reminder(&self, items: &[(&Facts<'_>, Fire)], res: &Resolution<'_>) -> Reminder {
        let first = items[0].0;
        let customer = first.customer;
        let lines: Vec<DetailLine<'_>> = items
            .iter()
            .map(|(f, _)| DetailLine {
                invoice: f.number(),
                order: f.order_number(),
                due: f.line.due,
                days_overdue: f.days,
                open: f.line.open,
                salesperson: f.salesperson,
            })
            .collect();
        let broken_promises: Vec<BrokenPromise> = items
            .iter()
            .filter_map(|(f, fire)| {
                fire.broken.map(|promised| BrokenPromise {
                    invoice: f.number().to_owned(),
                    promised,
                })
            })
            .collect();
        let fields = MessageFields {
            lang: Lang::Zh,
            customer: first.customer_name(),
            company: self.settings.company.trim(),
            currency: first.line.currency,
            outstanding_total: first.customer_open,
            lines: &lines,
        };
        let mut warnings = res.warnings(customer);
        let messages = self.messages(&fields, &broken_promises, &mut warnings);
        Reminder {
            rule: self.index,
            rule_id: self.rule.id.clone(),
            rule_name: self.rule.name.clone(),
            severity: if broken_promises.is_empty() {
                self.rule.severity
            } else {
                self.rule.severity.escalated()
            },
            audience: self.audience,
            customer: first.customer_code().to_owned(),
            customer_name: first.customer_name().to_owned(),
            invoices: lines.iter().map(|l| l.invoice.to_owned()).collect(),
            days_overdue: fields.days_overdue(),
            amount: fields.amount(),
            recipients: self.recipients(res, customer, first.customer_name()),
            unresolved_roles: res.unresolved_roles.clone(),
            channels: self.rule.channels.clone(),
            messages,
            due_on: items
                .iter()
                .map(|(_, fire)| fire.due_on)
                .min()
                .unwrap_or(NaiveDate::MIN),
            broken_promises,
            warnings,
        }
    }

    fn recipients(
        &self,
        res: &Resolution<'_>,
        customer: Option<&Customer>,
        customer_name: &str,
    ) -> Vec<Recipient> {
        let mut out: Vec<Recipient> = res
            .staff
            .iter()
            .map(|(p, roles)| {
                let p = &self.directory.people[*p];
                Recipient {
                    kind: RecipientKind::Staff,
                    name: p.name.clone(),
                    roles: roles.clone(),
                    reach: p.reach.clone(),
                }
            })
            .collect();
        if res.customer {
            let contact = customer.map(|c| &c.contact);
            out.push(Recipient {
                kind: RecipientKind::Customer,
                name: contact
                    .and_then(|c| c.name.clone())
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or_else(|| customer_name.to_owned()),
                roles: Vec::new(),
                reach: Reach {
                    email: contact.and_then(|c| c.email.clone()),
                    mobile: contact.and_then(|c| c.mobile.clone()),
                    ..Reach::default()
                },
            });
        }
        out
    }

    fn messages(
        &self,
        fields: &MessageFields<'_>,
        broken: &[BrokenPromise],
        warnings: &mut Vec<ReminderWarning>,
    ) -> Vec<Message> {
        let mut out = Vec::with_capacity(self.choice.len());
        // Channels sharing a template share its rendered body.
        let mut bodies: Vec<(usize, String)> = Vec::new();
        for &(channel, template) in &self.choice {
            let Some(t) = template else {
                warnings.push(ReminderWarning::NoTemplate { channel });
                continue;
            };
            let lang = self.rule.templates[t].lang;
            let fields = MessageFields {
                lang,
                ..fields.clone()
            };
            let parsed = &self.parsed[t];
            let body = match (&parsed.body, bodies.iter().find(|(i, _)| *i == t)) {
                (_, Some((_, done))) => done.clone(),
                (Ok(template), None) => {
                    let mut body = template.render(&fields);
                    if self.audience == Audience::Internal {
                        broken_note(&mut body, broken, lang);
                    }
                    bodies.push((t, body.clone()));
                    body
                }
                (Err(error), None) => {
                    warnings.push(ReminderWarning::Template {
                        channel,
                        part: TemplatePart::Body,
                        error: error.clone(),
                    });
                    continue;
                }
            };
            let subject = match (&parsed.subject, channel.has_subject()) {
                (Some(Ok(s)), true) => Some(s.render(&fields)),
                (Some(Err(error)), true) => {
                    warnings.push(ReminderWarning::Template {
                        channel,
                        part: TemplatePart::Subject,
                        error: error.clone(),
                    });
                    None
                }
                _ => None,
            };
            out.push(Message {
                channel,
                lang,
                subject,
                body,
            });
        }
        out
    }
}

/// Appends one line per broken promise to an internal message.
fn broken_note(body: &mut String, broken: &[BrokenPromise], lang: Lang) {
    for b in broken {
        let date = b.promised.format("%Y-%m-%d");
        let note = match lang {
            Lang::Zh => format!(
                "\n注意：发票 {} 的付款承诺（{date}）已到期未兑现。",
                b.invoice
            ),
            Lang::En => format!(
                "\nNote: the promise to pay invoice {} by {date} has been broken.",
                b.invoice
            ),
        };
        body.push_str(&note);
    }
}
