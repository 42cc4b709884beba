//! Catalogue entries for credit control and approvals: labels, factor and role names, the
//! reasons a policy, a request or a step is refused, and the draft message to an approver.
//! Pure, so it is tested natively like the main catalogue.

use super::i18n::{catalogue, Lang};
use super::i18n_import::pick;
use crate::domain::approvals::{
    chain_for, ApprovalConfig, ApprovalRequest, ConfigProblem, FormError, RequestError,
    RequestKind, RequestStatus, StepError, Subject,
};
use crate::domain::credit::{
    FactorKind, FactorValue, Grade, LimitFlag, PaymentAdvice, PolicyField, PolicyProblem,
};
use crate::domain::model::Role;
use crate::domain::terms::{Terms, TermsBase};

catalogue! {
    /// Fixed texts of the credit and approvals screens.
    C;
    Grade => "信用等级", "Grade";
    Score => "得分", "Score";
    LimitUse => "额度使用", "Limit use";
    CurrentTerms => "现行账期", "Current terms";
    Suggested => "建议政策", "Suggested policy";
    NoTerms => "未设定", "not set";
    NoLimit => "无额度", "no limit";
    TooLittleHistory => "历史不足，暂不评级", "Too little history to rate";
    TooLittleHistoryWhy => "结清单据或合作时间不足最低要求", "fewer settled invoices or a shorter relationship than the minimum";
    OverLimit => "超额度", "Over limit";
    NearLimit => "接近额度", "Near limit";
    TermsExceedAdvice => "现行账期宽于建议", "current terms exceed the advice";
    Prepayment => "款到发货", "Cash before delivery";
    PolicyTitle => "评级规则（可编辑）", "Rating policy (editable)";
    PolicyHint => "权重只看比例；分数线 A ≥ B ≥ C；修改后保存即重新评级。", "Only the proportions of the weights matter; cutoffs A ≥ B ≥ C; saving re-rates every customer.";
    SuggestionsTitle => "各等级建议政策", "Suggested policy per grade";
    MaxTermsDays => "最长账期（天）", "Longest terms (days)";
    LimitPercent => "建议额度（现额度的 %）", "Suggested limit (% of current)";
    Save => "保存", "Save";
    Saved => "已保存", "Saved";
    SaveRefused => "未保存，数据未改动：", "Not saved; nothing changed:";
    SaveFailed => "保存失败，数据未改动", "Saving failed; nothing changed";
    Factor => "因素", "Factor";
    Value => "数值", "Value";
    Weight => "权重", "Weight";
    Points => "得分贡献", "Points";
    GradeExplainTitle => "信用评级说明", "How the grade is made";
    GradeHistoryTitle => "等级变化记录", "Grade history";
    NoGradeHistory => "还没有等级记录", "No grade recorded yet";
    FirstGrade => "首次评级", "first grade";
    SuggestionTitle => "建议政策与现行条件", "Suggested policy and current terms";
    SuggestedLimit => "建议额度", "Suggested limit";
    CurrentLimit => "现行额度", "Current limit";
    OverLimitTitle => "超额度 / 接近额度的客户", "Customers over or near their limit";
    NoneOverLimit => "没有超额度或接近额度的客户", "No customer is over or near its limit";
    ExceptionsTitle => "政策例外：超出标准账期且未获批准的订单", "Policy exceptions: orders beyond the standard terms without approval";
    NoExceptions => "没有政策例外", "No policy exceptions";
    Order => "订单", "Order";
    Terms => "账期", "Terms";
    Standard => "标准", "Standard";
    RequestApproval => "申请审批", "Request approval";
    RequestPending => "审批中", "Awaiting approval";
    RequestCreated => "已提交审批申请", "Approval request submitted";
    NoLogin => "本工具没有服务器，也没有登录：请在下面选择“我是谁”。审批记录只记下你选择的名字，并不能证明操作者就是此人。", "There is no server and no login: choose who you are below. The trail records the name you choose; nothing proves that the person at the keyboard is that person.";
    WhoAmI => "我是谁", "Who am I";
    NobodyChosen => "（请选择）", "(choose)";
    ChooseWhoFirst => "请先在“审批”页选择“我是谁”", "Choose who you are on the Approvals page first";
    DirectoryEmpty => "员工通讯录为空：请在“导入数据”页导入员工名单（列：姓名、角色、上级、邮箱），审批链按角色找人。", "The staff directory is empty: import a staff list on the Import page (columns: name, role, manager, email); the chain finds people by role.";
    NewRequestTitle => "新建申请", "New request";
    KindExtension => "发票展期", "Invoice due-date extension";
    KindSpecialTerms => "订单特殊账期", "Special terms for an order";
    Number => "发票号 / 订单号", "Invoice / order no.";
    CustomerCode => "客户编码（单号重复时填写）", "Customer code (if the number repeats)";
    NewDue => "新到期日", "New due date";
    TermsDays => "账期天数", "Terms (days)";
    Reason => "原因", "Reason";
    Promised => "承诺付款金额（可选）", "Promised amount (optional)";
    Submit => "提交申请", "Submit";
    Submitted => "已提交", "Submitted";
    TodoTitle => "我的待审批", "Waiting for me";
    NothingToDo => "没有等待你审批的申请", "Nothing is waiting for you";
    RequestsTitle => "全部申请", "All requests";
    NoRequests => "还没有申请", "No requests yet";
    Pending => "待审批", "Pending";
    Approved => "已批准", "Approved";
    Rejected => "已驳回", "Rejected";
    Approve => "批准", "Approve";
    Reject => "驳回", "Reject";
    Comment => "意见（驳回必填）", "Comment (required to reject)";
    TrailTitle => "审批记录", "Trail";
    SubmittedBy => "提交", "submitted";
    ApprovedBy => "批准", "approved";
    RejectedBy => "驳回", "rejected";
    NextStep => "下一步", "Next";
    DraftTitle => "给下一位审批人的消息草稿", "Draft message to the next approver";
    Copy => "复制", "Copy";
    Copied => "已复制", "Copied";
    Email => "发邮件", "Email";
    ConfigTitle => "审批链设置", "Approval chain";
    Chain => "审批顺序（角色，用 → 或逗号分隔）", "Chain (roles, separated by → or commas)";
    EscalateTo => "大额或长期时追加", "Added for long or large requests";
    EscalateDays => "延长超过（天）", "Extension longer than (days)";
    EscalateAmount => "或承诺金额超过（人民币）", "or promised amount above (CNY)";
    DistinctActors => "同一申请的各步须由不同的人审批", "Each step of a request by a different person";
    ConfigBad => "审批链设置有误，未保存：", "Chain settings not saved:";
    UnknownRole => "不是已知角色", "is not a known role";
    NotWholeDays => "天数须为整数", "days must be a whole number";
    NotAnAmount => "金额无效", "not a valid amount";
    EmptyChain => "审批顺序不能为空", "the chain needs at least one role";
    OriginalDue => "原到期日", "was due";
    ExtensionPending => "展期审批中", "extension pending";
    ExtendedBy => "已批准展期", "extension approved";
    Request => "申请", "Request";
    Requester => "申请人", "Requested by";
    Status => "状态", "Status";
}

pub fn factor_name(kind: FactorKind, lang: Lang) -> &'static str {
    let (zh, en) = match kind {
        FactorKind::OnTimeByCount => ("按时付款率（笔数）", "On-time rate (by count)"),
        FactorKind::OnTimeByAmount => ("按时付款率（金额）", "On-time rate (by amount)"),
        FactorKind::AverageDaysLate => (
            "平均逾期天数（按金额加权）",
            "Average days late (amount-weighted)",
        ),
        FactorKind::WorstDaysLate => ("近12个月最长逾期天数", "Worst days late, last 12 months"),
        FactorKind::OverdueRatio => ("当前逾期占比", "Overdue share of open"),
        FactorKind::Disputes => ("争议单据数", "Disputed invoices"),
        FactorKind::Tenure => ("合作时长（天）", "Tenure (days)"),
        FactorKind::LimitUse => ("额度使用率", "Credit-limit use"),
    };
    pick(lang, zh, en)
}

pub fn factor_value(value: FactorValue, lang: Lang) -> String {
    match value {
        FactorValue::Percent(p) => format!("{p:.1}%"),
        FactorValue::Days(d) => format!("{d:.1} {}", pick(lang, "天", "d")),
        FactorValue::Count(n) => n.to_string(),
        FactorValue::NotApplicable => pick(lang, "不适用", "n/a").to_owned(),
    }
}

pub fn grade_name(grade: Grade, lang: Lang) -> String {
    match grade.letter() {
        Some(l) => l.to_owned(),
        None => C::TooLittleHistory.text(lang).to_owned(),
    }
}

pub fn role_name(role: Role, lang: Lang) -> &'static str {
    let (zh, en) = match role {
        Role::Salesperson => ("业务员", "Salesperson"),
        Role::SalesManager => ("销售经理", "Sales manager"),
        Role::Finance => ("财务", "Finance"),
        Role::SalesDirector => ("销售总监", "Sales director"),
        Role::Ceo => ("总经理", "CEO"),
        Role::Cfo => ("财务总监", "CFO"),
        Role::Legal => ("法务", "Legal"),
    };
    pick(lang, zh, en)
}

pub fn chain_text(roles: &[Role], lang: Lang) -> String {
    roles
        .iter()
        .map(|r| role_name(*r, lang))
        .collect::<Vec<_>>()
        .join(" → ")
}

pub fn terms_text(terms: Terms, lang: Lang) -> String {
    let n = terms.days;
    match (terms.base, lang) {
        (TermsBase::InvoiceDate, Lang::Zh) => format!("{n}天"),
        (TermsBase::InvoiceDate, Lang::En) => format!("Net {n}"),
        (TermsBase::Delivery, Lang::Zh) => format!("货到{n}天"),
        (TermsBase::Delivery, Lang::En) => format!("{n} days after delivery"),
        (TermsBase::EndOfMonth, Lang::Zh) => format!("月结{n}天"),
        (TermsBase::EndOfMonth, Lang::En) => format!("EOM {n}"),
    }
}

pub fn advice_text(payment: PaymentAdvice, lang: Lang) -> String {
    match payment {
        PaymentAdvice::Prepayment => C::Prepayment.text(lang).to_owned(),
        PaymentAdvice::Terms { max_days } => match lang {
            Lang::Zh => format!("最长{max_days}天"),
            Lang::En => format!("at most {max_days} days"),
        },
    }
}

pub fn limit_flag(flag: LimitFlag, lang: Lang) -> &'static str {
    match flag {
        LimitFlag::OverLimit => C::OverLimit.text(lang),
        LimitFlag::NearLimit => C::NearLimit.text(lang),
        LimitFlag::Within => "",
    }
}

pub fn field_label(field: PolicyField, lang: Lang) -> String {
    let grade = |g: Grade| grade_name(g, lang);
    match field {
        PolicyField::Weight(k) => factor_name(k, lang).to_owned(),
        PolicyField::CutoffA => pick(lang, "A 级最低分", "Lowest score for A").to_owned(),
        PolicyField::CutoffB => pick(lang, "B 级最低分", "Lowest score for B").to_owned(),
        PolicyField::CutoffC => pick(lang, "C 级最低分", "Lowest score for C").to_owned(),
        PolicyField::MinSettled => pick(
            lang,
            "评级所需最少结清单据数",
            "Settled invoices needed to rate",
        )
        .to_owned(),
        PolicyField::MinTenureDays => pick(
            lang,
            "评级所需最短合作天数",
            "Days of relationship needed to rate",
        )
        .to_owned(),
        PolicyField::GraceDays => pick(
            lang,
            "宽限天数（到期后仍算按时）",
            "Grace days (still on time after due)",
        )
        .to_owned(),
        PolicyField::NearLimitPercent => {
            pick(lang, "接近额度提示线（%）", "Near-limit threshold (%)").to_owned()
        }
        PolicyField::StandardTermsDays => pick(
            lang,
            "订单标准账期（天，超过需审批）",
            "Standard order terms (days; longer needs approval)",
        )
        .to_owned(),
        PolicyField::MaxTermsDays(g) => format!("{} · {}", grade(g), C::MaxTermsDays.text(lang)),
        PolicyField::LimitPercent(g) => format!("{} · {}", grade(g), C::LimitPercent.text(lang)),
        PolicyField::Prepayment(g) => format!("{} · {}", grade(g), C::Prepayment.text(lang)),
    }
}

pub fn policy_problem(p: &PolicyProblem, lang: Lang) -> String {
    match (p, lang) {
        (PolicyProblem::NotANumber { field, text }, Lang::Zh) => {
            format!("{}：“{text}”不是有效数字", field_label(*field, lang))
        }
        (PolicyProblem::NotANumber { field, text }, Lang::En) => {
            format!(
                "{}: “{text}” is not a valid number",
                field_label(*field, lang)
            )
        }
        (PolicyProblem::OutOfRange { field, min, max }, Lang::Zh) => {
            format!("{}：须在 {min} 到 {max} 之间", field_label(*field, lang))
        }
        (PolicyProblem::OutOfRange { field, min, max }, Lang::En) => {
            format!(
                "{}: must be between {min} and {max}",
                field_label(*field, lang)
            )
        }
        (PolicyProblem::AllWeightsZero, _) => pick(
            lang,
            "至少一个权重须大于 0",
            "At least one weight must be above 0",
        )
        .to_owned(),
        (PolicyProblem::CutoffsNotOrdered, _) => pick(
            lang,
            "分数线须满足 A ≥ B ≥ C",
            "Cutoffs must satisfy A ≥ B ≥ C",
        )
        .to_owned(),
    }
}

pub fn form_error(e: &FormError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        FormError::NoRequester => C::ChooseWhoFirst.text(lang).to_owned(),
        FormError::MissingNumber => "请填写发票号或订单号".into(),
        FormError::NoSuchDocument => "找不到该单据（发票须在截止日期当日或之前开具）".into(),
        FormError::AmbiguousNumber { customers } => {
            format!(
                "多个客户使用此单号（{}）：请填写客户编码",
                customers.join("、")
            )
        }
        FormError::BadDate => "新到期日不是有效日期".into(),
        FormError::BadDays => "账期天数须为整数".into(),
        FormError::MissingReason => "请填写原因".into(),
        FormError::BadAmount => "承诺付款金额无效".into(),
        FormError::Request(r) => request_error(r, lang),
    }
}

pub fn request_error(e: &RequestError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        RequestError::MissingId | RequestError::DuplicateId => "申请编号冲突，请重试".into(),
        RequestError::KindDoesNotFitSubject => "展期用于发票，特殊账期用于订单".into(),
        RequestError::UnknownSubject => "找不到该单据".into(),
        RequestError::NotAnExtension => "新到期日须晚于现到期日".into(),
        RequestError::AlreadyPending { request_id } => {
            format!("该单据已有审批中的申请 {request_id}")
        }
    }
}

pub fn step_error(e: &StepError, lang: Lang) -> String {
    match (e, lang) {
        // Steps are dated at the as-of date: say which date to pick.
        (StepError::BeforeRequest | StepError::BeforePreviousStep, _) => pick(
            lang,
            "审批日期早于申请或上一步：请把截止日期设为不早于申请日期",
            "The decision would be dated before the request or the previous step: set the as-of date to the request's date or later",
        )
        .to_owned(),
        (e, Lang::En) => e.to_string(),
        (StepError::Closed { status }, Lang::Zh) => match status {
            RequestStatus::Rejected { .. } => "该申请已被驳回".into(),
            _ => "该申请已审批完毕".into(),
        },
        (StepError::WrongRequest { .. } | StepError::OutOfOrder { .. }, Lang::Zh) => {
            "审批顺序不符，请刷新后重试".into()
        }
        (StepError::WrongRole { expected, .. }, Lang::Zh) => {
            format!("此步应由{}审批", role_name(*expected, lang))
        }
        (StepError::MissingActor, Lang::Zh) => C::ChooseWhoFirst.text(lang).into(),
        (StepError::SameActor { actor, step_index }, Lang::Zh) => {
            format!("{actor} 已审批过本申请的第 {} 步，须由另一人审批", step_index + 1)
        }
        (StepError::RejectionNeedsComment, Lang::Zh) => "驳回须填写意见".into(),
        (StepError::UnknownActor { actor }, Lang::Zh) => format!("{actor} 不在员工通讯录中"),
        (StepError::ActorLacksRole { actor, role }, Lang::Zh) => {
            format!("{actor} 不是{}，不能审批此步", role_name(*role, lang))
        }
    }
}

pub fn config_problem(p: &ConfigProblem, lang: Lang) -> String {
    match p {
        ConfigProblem::UnknownRole { text } => format!("“{text}” {}", C::UnknownRole.text(lang)),
        ConfigProblem::EmptyChain => C::EmptyChain.text(lang).to_owned(),
        ConfigProblem::BadDays => C::NotWholeDays.text(lang).to_owned(),
        ConfigProblem::BadAmount => C::NotAnAmount.text(lang).to_owned(),
    }
}

pub fn status_text(status: &RequestStatus, lang: Lang) -> String {
    match status {
        RequestStatus::Pending { next_role, .. } => format!(
            "{} · {}: {}",
            C::Pending.text(lang),
            C::NextStep.text(lang),
            role_name(*next_role, lang)
        ),
        RequestStatus::Approved { .. } => C::Approved.text(lang).to_owned(),
        RequestStatus::Rejected { .. } => C::Rejected.text(lang).to_owned(),
    }
}

/// What the request asks, in one line: `INV-1 (C001): 2026-07-01 → 2026-07-31`.
pub fn request_summary(request: &ApprovalRequest, lang: Lang) -> String {
    let (kind, number, customer) = match &request.subject {
        Subject::Invoice { customer, number } => (C::KindExtension, number, customer),
        Subject::Order { customer, number } => (C::KindSpecialTerms, number, customer),
    };
    let what = match request.kind {
        RequestKind::TermExtension {
            new_due,
            original_due,
        } => format!("{original_due} → {new_due}"),
        RequestKind::SpecialTerms { days } => {
            terms_text(Terms::new(TermsBase::InvoiceDate, days), lang)
        }
    };
    format!("{} {number} ({customer}): {what}", kind.text(lang))
}

/// A message to whoever decides next, to copy into a chat or an email.
pub fn draft_message(
    request: &ApprovalRequest,
    config: &ApprovalConfig,
    next_role: Role,
    next_people: &[String],
    lang: Lang,
) -> String {
    let to = if next_people.is_empty() {
        role_name(next_role, lang).to_owned()
    } else {
        next_people.join(pick(lang, "、", ", "))
    };
    let promised = request
        .promised_amount
        .map(|m| m.to_display_string())
        .unwrap_or_else(|| "—".into());
    let chain = chain_text(&chain_for(request, config), lang);
    match lang {
        Lang::Zh => format!(
            "{to}：您好。{} 提交了一项审批申请，请您以{}身份审批。\n{}\n原因：{}\n承诺付款：{promised}\n审批顺序：{chain}\n申请编号：{}\n请在“回款哨兵”的“审批”页处理。",
            request.requested_by,
            role_name(next_role, lang),
            request_summary(request, lang),
            request.reason,
            request.id
        ),
        Lang::En => format!(
            "{to}: {} has submitted a request that waits for you as {}.\n{}\nReason: {}\nPromised payment: {promised}\nChain: {chain}\nRequest: {}\nPlease decide on the Approvals page of AR Sentinel.",
            request.requested_by,
            role_name(next_role, lang),
            request_summary(request, lang),
            request.reason,
            request.id
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::credit::policy_fields;
    use crate::domain::money::{Currency, Money};
    use chrono::NaiveDate;

    #[test]
    fn every_text_and_name_exists_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for c in C::ALL {
                assert!(!c.text(lang).trim().is_empty(), "{c:?}");
            }
            for f in policy_fields() {
                assert!(!field_label(f, lang).trim().is_empty());
            }
        }
        assert_eq!(role_name(Role::Cfo, Lang::Zh), "财务总监");
        assert_eq!(
            chain_text(&[Role::SalesManager, Role::Finance], Lang::Zh),
            "销售经理 → 财务"
        );
        assert_eq!(
            terms_text(Terms::new(TermsBase::EndOfMonth, 60), Lang::Zh),
            "月结60天"
        );
        assert_eq!(factor_value(FactorValue::Days(4.0), Lang::Zh), "4.0 天");
    }

    #[test]
    fn refusals_say_why_in_both_languages() {
        let lacks = StepError::ActorLacksRole {
            actor: "张伟".into(),
            role: Role::SalesManager,
        };
        assert_eq!(
            step_error(&lacks, Lang::Zh),
            "张伟 不是销售经理，不能审批此步"
        );
        assert_eq!(step_error(&lacks, Lang::En), lacks.to_string());
        assert!(step_error(&StepError::BeforeRequest, Lang::En).contains("as-of date"));
        assert_eq!(
            form_error(&FormError::Request(RequestError::NotAnExtension), Lang::Zh),
            "新到期日须晚于现到期日"
        );
        assert_eq!(
            config_problem(
                &ConfigProblem::UnknownRole {
                    text: "老板".into()
                },
                Lang::Zh
            ),
            "“老板” 不是已知角色"
        );
    }

    #[test]
    fn the_draft_names_the_next_approver_and_the_request() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let request = ApprovalRequest {
            id: "R1-1".into(),
            subject: Subject::Invoice {
                customer: "C001".into(),
                number: "AR-105".into(),
            },
            kind: RequestKind::TermExtension {
                new_due: d(7, 31),
                original_due: d(7, 1),
            },
            reason: "月底资金紧张".into(),
            promised_amount: Some(Money::new(5_000_000, Currency::CNY)),
            requested_by: "张伟".into(),
            requested_at: d(6, 30).and_hms_opt(9, 0, 0).unwrap(),
        };
        let text = draft_message(
            &request,
            &ApprovalConfig::default(),
            Role::SalesManager,
            &["李娜".into()],
            Lang::Zh,
        );
        assert!(
            text.starts_with("李娜：您好。张伟 提交了一项审批申请，请您以销售经理身份审批。"),
            "{text}"
        );
        assert!(
            text.contains("发票展期 AR-105 (C001): 2026-07-01 → 2026-07-31"),
            "{text}"
        );
        assert!(
            text.contains("¥50,000.00") && text.contains("销售经理 → 财务"),
            "{text}"
        );
        let en = draft_message(
            &request,
            &ApprovalConfig::default(),
            Role::Finance,
            &[],
            Lang::En,
        );
        assert!(en.starts_with("Finance: 张伟 has submitted"), "{en}");
    }
}
