//! The default rule set: the internal escalation matrix, word for word, and a disabled set of
//! polite customer-facing reminders with a gentler variant for grade-A customers.

use super::{
    Channel, Conditions, Consolidation, DayRange, MessageTemplate, RecipientSpec, Rule, Severity,
};
use crate::domain::model::Role;
use crate::domain::templates::Lang;

/// The internal matrix (enabled) followed by the customer-facing set (disabled).
pub fn default_rules() -> Vec<Rule> {
    let mut rules = default_internal_rules();
    rules.extend(default_customer_rules());
    rules
}

/// One template for every channel, in each language; the subject serves email.
fn texts(zh: (&str, &str), en: (&str, &str)) -> Vec<MessageTemplate> {
    [(Lang::Zh, zh), (Lang::En, en)]
        .into_iter()
        .map(|(lang, (subject, body))| MessageTemplate {
            channel: None,
            lang,
            subject: Some(subject.to_owned()),
            body: body.to_owned(),
        })
        .collect()
}

fn roles(roles: &[Role]) -> Vec<RecipientSpec> {
    roles.iter().copied().map(RecipientSpec::Role).collect()
}

struct Tier {
    id: &'static str,
    name: &'static str,
    days: DayRange,
    recipients: &'static [Role],
    channels: &'static [Channel],
    severity: Severity,
    cooldown_days: u32,
    zh: (&'static str, &'static str),
    en: (&'static str, &'static str),
}

/// The escalation matrix. Each reminder covers one invoice; disputed and promised invoices
/// are skipped. The cooldown equals the tier's length, so each tier fires once per invoice;
/// the open-ended tier repeats every 30 days.
pub fn default_internal_rules() -> Vec<Rule> {
    use Role::*;
    let tiers = [
        Tier {
            id: "overdue-1-7",
            name: "轻度逾期提醒（1–7天）",
            days: DayRange::between(1, 7),
            recipients: &[Salesperson],
            channels: &[Channel::InApp, Channel::DingTalk],
            severity: Severity::Low,
            cooldown_days: 7,
            zh: (
                "【轻度逾期提醒】客户 [客户名] 订单 [订单号] 已逾期 [N] 天",
                "【轻度逾期提醒】客户 [客户名] 的订单 [订单号] 已逾期 [N] 天,金额 [金额],请及时跟进。",
            ),
            en: (
                "Overdue reminder (mild): {customer}, order {order}, {days} days overdue",
                "Overdue reminder (mild): customer {customer}'s order {order} is {days} days \
                 overdue, amount {amount}. Please follow up promptly.",
            ),
        },
        Tier {
            id: "overdue-8-15",
            name: "中度逾期警告（8–15天）",
            days: DayRange::between(8, 15),
            recipients: &[Salesperson, SalesManager],
            channels: &[Channel::Email, Channel::InApp],
            severity: Severity::Medium,
            cooldown_days: 8,
            zh: (
                "【中度逾期警告】客户 [客户名] 订单 [订单号] 已逾期 [N] 天",
                "【中度逾期警告】客户 [客户名] 的订单 [订单号] 已逾期 [N] 天,请销售经理督促处理,确保款项尽快回笼。",
            ),
            en: (
                "Overdue warning (moderate): {customer}, order {order}, {days} days overdue",
                "Overdue warning (moderate): customer {customer}'s order {order} is {days} days \
                 overdue. Sales manager, please see that it is dealt with so that the payment \
                 comes in as soon as possible.",
            ),
        },
        Tier {
            id: "overdue-16-30",
            name: "高度逾期警告（16–30天）",
            days: DayRange::between(16, 30),
            recipients: &[Salesperson, Finance, SalesDirector],
            channels: &[Channel::Sms, Channel::Email],
            severity: Severity::High,
            cooldown_days: 15,
            zh: (
                "【高度逾期警告】客户 [客户名] 账款已逾期 [N] 天,金额 [金额]",
                "【高度逾期警告】客户 [客户名] 账款已严重逾期 [N] 天,金额 [金额],请相关负责人立即启动高级别催收程序。",
            ),
            en: (
                "Overdue warning (serious): {customer}, {days} days overdue, {amount}",
                "Overdue warning (serious): customer {customer}'s account is seriously overdue, \
                 by {days} days, amount {amount}. Those responsible, please start the high-level \
                 collection procedure immediately.",
            ),
        },
        Tier {
            id: "overdue-31-plus",
            name: "坏账风险预警（30天以上）",
            days: DayRange::at_least(31),
            recipients: &[Ceo, Cfo, Legal],
            channels: &[Channel::Email, Channel::InApp],
            severity: Severity::Critical,
            cooldown_days: 30,
            zh: (
                "【坏账风险预警】客户 [客户名] 账款已逾期超30天",
                "【坏账风险预警】客户 [客户名] 账款已逾期超30天,请决策层介入,评估是否启动法律程序。",
            ),
            en: (
                "Bad-debt risk alert: {customer} is more than 30 days overdue",
                "Bad-debt risk alert: customer {customer}'s account is more than 30 days \
                 overdue. Management, please step in and assess whether to start legal \
                 proceedings.",
            ),
        },
    ];
    tiers
        .into_iter()
        .map(|t| Rule {
            id: t.id.to_owned(),
            name: t.name.to_owned(),
            enabled: true,
            conditions: Conditions {
                days: t.days,
                ..Conditions::default()
            },
            recipients: roles(t.recipients),
            channels: t.channels.to_vec(),
            templates: texts(t.zh, t.en),
            language: None,
            cooldown_days: t.cooldown_days,
            consolidation: Consolidation::PerInvoice,
            severity: t.severity,
            skip_disputed: true,
            skip_promised: true,
        })
        .collect()
}

/// Which customers a customer-facing rule addresses.
#[derive(Clone, Copy)]
enum Grades {
    All,
    /// Grade A: the gentler wording.
    Gentle,
    /// Everyone but grade A (ungraded customers included).
    Standard,
}

struct Letter {
    id: &'static str,
    name: &'static str,
    days: DayRange,
    grades: Grades,
    channels: &'static [Channel],
    severity: Severity,
    cooldown_days: u32,
    zh: (&'static str, &'static str),
    en: (&'static str, &'static str),
}

/// Polite reminders to the customer's contact, one message per customer listing its
/// invoices; disabled until the user turns them on. Before the due date, on (or just after)
/// it, a week after it, and firmer from three weeks; grade-A customers get gentler words.
/// The day ranges leave no gap, so an invoice missed while the app was closed is still
/// reminded at the stage it has reached.
pub fn default_customer_rules() -> Vec<Rule> {
    let letters = [
        Letter {
            id: "customer-before-due",
            name: "到期前提醒客户（提前3天）",
            days: DayRange::between(-3, -1),
            grades: Grades::All,
            channels: &[Channel::Email],
            severity: Severity::Info,
            cooldown_days: 7,
            zh: (
                "付款提醒：[公司名] 发票将于 [到期日] 到期",
                "尊敬的 [客户名]：\n您好！温馨提示，以下款项即将到期：\n[明细]\n合计 [金额]。烦请按期安排付款；如已付款，请忽略本提醒。谢谢！\n[公司名]",
            ),
            en: (
                "Payment reminder: {company} invoice due on {due_date}",
                "Dear {customer},\nA friendly reminder that the following will soon be due:\n\
                 {details}\nTotal {amount}. We would be grateful if you could arrange payment \
                 by the due date; if you have already paid, please disregard this message. \
                 Thank you!\n{company}",
            ),
        },
        Letter {
            id: "customer-on-due",
            name: "到期日提醒客户",
            days: DayRange::between(0, 6),
            grades: Grades::All,
            channels: &[Channel::Email],
            severity: Severity::Info,
            cooldown_days: 7,
            zh: (
                "付款提醒：[公司名] 发票已于 [到期日] 到期",
                "尊敬的 [客户名]：\n您好！以下款项已于 [到期日] 到期：\n[明细]\n合计 [金额]。烦请尽快安排付款；如已付款，请忽略本提醒。谢谢！\n[公司名]",
            ),
            en: (
                "Payment reminder: {company} invoice due on {due_date}",
                "Dear {customer},\nThe following fell due on {due_date}:\n{details}\nTotal \
                 {amount}. Please arrange payment at your earliest convenience; if you have \
                 already paid, please disregard this message. Thank you!\n{company}",
            ),
        },
        Letter {
            id: "customer-7-gentle",
            name: "逾期7天提醒客户（A级客户）",
            days: DayRange::between(7, 20),
            grades: Grades::Gentle,
            channels: &[Channel::Email],
            severity: Severity::Low,
            cooldown_days: 14,
            zh: (
                "付款提醒：[公司名] 发票已过到期日",
                "尊敬的 [客户名]：\n您好！感谢贵司一直以来的支持与合作。以下款项已过到期日，烦请方便时安排付款：\n[明细]\n合计 [金额]。如已付款，请忽略本提醒；如有任何疑问，欢迎随时与我们联系。\n[公司名]",
            ),
            en: (
                "Payment reminder: {company} invoice past its due date",
                "Dear {customer},\nThank you for your continued business. The following is now \
                 past its due date; we would appreciate it if you could arrange payment when \
                 convenient:\n{details}\nTotal {amount}. If you have already paid, please \
                 disregard this message, and do not hesitate to contact us with any \
                 questions.\n{company}",
            ),
        },
        Letter {
            id: "customer-7",
            name: "逾期7天提醒客户",
            days: DayRange::between(7, 20),
            grades: Grades::Standard,
            channels: &[Channel::Email],
            severity: Severity::Low,
            cooldown_days: 14,
            zh: (
                "逾期付款提醒：[公司名] 发票已逾期 [N] 天",
                "尊敬的 [客户名]：\n您好！以下款项已逾期 [N] 天，烦请尽快安排付款：\n[明细]\n合计 [金额]。如已付款，请将付款凭证发送给我们以便核对。谢谢！\n[公司名]",
            ),
            en: (
                "Overdue payment: {company} invoice {days} days overdue",
                "Dear {customer},\nThe following is now {days} days overdue; please arrange \
                 payment as soon as possible:\n{details}\nTotal {amount}. If you have already \
                 paid, please send us the remittance advice so that we can match it. Thank \
                 you!\n{company}",
            ),
        },
        Letter {
            id: "customer-21-gentle",
            name: "逾期21天以上提醒客户（A级客户）",
            days: DayRange::at_least(21),
            grades: Grades::Gentle,
            channels: &[Channel::Email],
            severity: Severity::Medium,
            cooldown_days: 14,
            zh: (
                "付款提醒：[公司名] 发票已逾期 [N] 天",
                "尊敬的 [客户名]：\n您好！以下款项已逾期 [N] 天，烦请贵司协助安排付款：\n[明细]\n合计 [金额]。如付款遇到任何问题，欢迎与我们的业务员 [业务员] 沟通。感谢支持！\n[公司名]",
            ),
            en: (
                "Payment reminder: {company} invoice {days} days overdue",
                "Dear {customer},\nThe following is now {days} days overdue; we would be \
                 grateful for your help in arranging payment:\n{details}\nTotal {amount}. If \
                 anything stands in the way of payment, please talk to {salesperson}, who will \
                 be glad to help. Thank you for your support!\n{company}",
            ),
        },
        Letter {
            id: "customer-21",
            name: "逾期21天以上催款通知",
            days: DayRange::at_least(21),
            grades: Grades::Standard,
            channels: &[Channel::Email, Channel::Sms],
            severity: Severity::Medium,
            cooldown_days: 14,
            zh: (
                "催款通知：[公司名] 发票已逾期 [N] 天",
                "尊敬的 [客户名]：\n以下款项已逾期 [N] 天，截至目前我们仍未收到付款：\n[明细]\n合计 [金额]。请于收到本通知后 5 个工作日内安排付款，或与我们联系说明情况，否则我们将按合同约定采取进一步措施。\n[公司名]",
            ),
            en: (
                "Payment demand: {company} invoice {days} days overdue",
                "Dear {customer},\nThe following is now {days} days overdue and we have not yet \
                 received payment:\n{details}\nTotal {amount}. Please arrange payment within 5 \
                 working days of this notice, or contact us to explain the situation; otherwise \
                 we will take further steps as provided in our contract.\n{company}",
            ),
        },
    ];
    letters
        .into_iter()
        .map(|l| {
            let (credit_grades, exclude_grades) = match l.grades {
                Grades::All => (vec![], vec![]),
                Grades::Gentle => (vec!["A".to_owned()], vec![]),
                Grades::Standard => (vec![], vec!["A".to_owned()]),
            };
            Rule {
                id: l.id.to_owned(),
                name: l.name.to_owned(),
                enabled: false,
                conditions: Conditions {
                    days: l.days,
                    credit_grades,
                    exclude_grades,
                    ..Conditions::default()
                },
                recipients: vec![RecipientSpec::CustomerContact],
                channels: l.channels.to_vec(),
                templates: texts(l.zh, l.en),
                language: None,
                cooldown_days: l.cooldown_days,
                consolidation: Consolidation::PerCustomer,
                severity: l.severity,
                skip_disputed: true,
                skip_promised: true,
            }
        })
        .collect()
}
