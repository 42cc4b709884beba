//! The one catalogue of user-facing text. Chinese first, English one click away.
//!
//! Every key must have both languages: the macro makes a missing one a compile error.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// BCP 47 tag, used for `<html lang>` and to persist the choice.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A bilingual catalogue: `catalogue!(Name; Key => "中文", "English"; …)` makes `enum Name`
/// with `ALL` and `text(lang)`. One per screen family (`Msg` here, `C`, `Ft`, `It` beside it).
macro_rules! catalogue {
    ($(#[$doc:meta])* $name:ident; $($key:ident => $zh:expr, $en:expr;)*) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            pub fn text(self, lang: $crate::ui::i18n::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::ui::i18n::Lang::Zh) => $zh,
                      ($name::$key, $crate::ui::i18n::Lang::En) => $en,)*
                }
            }
        }
    };
}
pub(crate) use catalogue;

catalogue! {
    /// The app's shared texts.
    Msg;
    AppName => "回款哨兵", "AR Sentinel";
    AppTagline => "应收账款逾期提醒", "Receivables reminders";
    SwitchLanguage => "English", "中文";
    AsOfDate => "截止日期", "As of";
    NavImport => "导入数据", "Import";
    NavLedger => "应收台账", "Ledger";
    NavReminders => "提醒待办", "Reminders";
    NavRules => "提醒规则", "Rules";
    NavDashboard => "仪表盘", "Dashboard";
    NavCredit => "信用管理", "Credit";
    NavApprovals => "审批", "Approvals";
    NavForecast => "回款预测", "Forecast";
    NavSettings => "设置", "Settings";
    OfflineReady => "已可离线使用", "Ready to work offline";
    StoragePersisted => "浏览器已承诺保留本地数据", "The browser will keep the local data";
    StorageFull => "存储空间不足，未写入任何数据。请先下载备份，再清理本浏览器中其他网站的数据，或把文件分批导入",
        "Not enough storage: nothing was written. Download a backup, then free space in this browser (other sites' data) or import the file in parts";
    StorageNeeded => "约需", "needs about";
    StorageFree => "可用", "free";
    StorageNotPersisted => "浏览器未承诺保留本地数据：请定期备份", "The browser may evict local data: back up regularly";
    ImportDropHint => "把 ERP 导出的 CSV / Excel 文件拖到这里，或点击选择（可多选）", "Drop ERP exports (CSV / Excel) here, or click to choose (several at once)";
    ImportReading => "正在读取文件…", "Reading files…";
    ImportParsing => "正在解析表格…", "Parsing the table…";
    ImportChecking => "正在识别列并校验每一行…", "Mapping columns and checking every row…";
    ImportSaving => "正在写入本地数据库…", "Saving to the local database…";
    ImportCommit => "确认导入", "Import";
    ImportCancel => "取消", "Cancel";
    ImportAnswerFirst => "请先回答上面的问题", "Answer the questions above first";
    ImportRemoveUnreadable => "有文件无法读取：移除它即可导入其余文件", "A file cannot be read: remove it to import the others";
    ImportRemoveFile => "移除此文件", "Remove this file";
    ImportCommitFailed => "导入失败，数据未改动", "Import failed; nothing was changed";
    DatabaseNotReady => "本地数据库尚未打开", "the local database is not open";
    ImportSheet => "工作表", "Sheet";
    ImportKind => "文件内容", "File holds";
    ImportMappingReused => "已沿用上次确认的列对应", "Using the column mapping you confirmed last time";
    ImportDayMonthQuestion => "无法判断日期列的日/月顺序：", "Cannot tell day from month in the date column";
    ImportDayFirst => "日/月/年", "day/month/year";
    ImportMonthFirst => "月/日/年", "month/day/year";
    ImportMissingColumns => "缺少必需的列", "Required columns missing";
    ImportEncoding => "格式", "Format";
    ImportHeaderLine => "表头所在行", "Header on line";
    ImportRowsOk => "可导入行", "Rows imported";
    ImportRowsRefused => "拒绝行", "Rows refused";
    ImportReportDate => "报表日期", "Report date";
    ImportRefusedRows => "被拒绝的行", "Refused rows";
    ImportLine => "行", "Line";
    ImportColumn => "列", "Column";
    ImportRawValue => "原始值", "Value";
    ImportReason => "原因", "Reason";
    ImportFile => "文件", "File";
    ImportDone => "导入完成", "Import complete";
    ImportRecordsChanged => "新增或更新记录", "Records added or updated";
    ImportHistory => "导入记录", "Import history";
    ImportWhen => "时间", "When";
    ImportUndo => "撤销此次导入", "Undo this import";
    ImportUndone => "已撤销", "Undone";
    ImportUndoConflict => "之后的导入修改了同一记录，请先撤销之后的导入", "A later import changed the same record; undo that one first";
    DownloadCsv => "下载 CSV", "Download CSV";
    LedgerSearch => "搜索单号、客户、订单、业务员", "Search number, customer, order, salesperson";
    StatusAll => "全部状态", "All statuses";
    StatusOpen => "未到期", "Not yet due";
    StatusOverdue => "逾期", "Overdue";
    StatusPaid => "已结清", "Paid";
    AllBuckets => "全部账龄", "All aging buckets";
    AllSalespeople => "全部业务员", "All salespeople";
    AllCurrencies => "全部币别", "All currencies";
    NotYetDue => "未到期", "Not yet due";
    DaysWord => "天", "days";
    Customer => "客户", "Customer";
    InvoicesWord => "张单据", "invoices";
    Disputed => "争议", "disputed";
    ColInvoice => "单据编号", "Invoice";
    ColInvoiceDate => "业务日期", "Date";
    ColDueDate => "到期日", "Due";
    ColAmount => "金额", "Amount";
    ColOutstanding => "未收金额", "Outstanding";
    ColDaysOverdue => "逾期天数", "Days overdue";
    ColStatus => "状态", "Status";
    ColSalesperson => "业务员", "Salesperson";
    CompanyName => "公司名称（用于提醒和对账单）", "Company name (for reminders and statements)";
    Storage => "本地存储", "Local storage";
    StorageUsed => "已用 / 可用", "Used / available";
    Backup => "备份与恢复", "Backup and restore";
    BackupExplain => "所有数据只保存在本浏览器中。请定期下载备份文件（包含全部单据、导入记录和设置），换电脑或清理浏览器后可恢复。", "All data lives only in this browser. Download a backup regularly (every record, the import history and the settings) to restore it on another computer or after clearing the browser.";
    LastBackup => "上次备份", "Last backup";
    BackupIsOld => "已超过 7 天，请尽快备份", "more than 7 days ago: back up soon";
    NeverBackedUp => "还没有备份过：请下载一份备份", "Never backed up: download a backup";
    BackupDownload => "下载备份", "Download backup";
    RestorePick => "从备份恢复", "Restore from a backup";
    RestoreMerge => "合并到现有数据", "Merge into the current data";
    RestoreReplace => "替换全部现有数据", "Replace all current data";
    RestoreReplaced => "已用备份替换全部数据", "All data replaced by the backup";
    RestoreMerged => "已合并备份，新增或更新记录", "Backup merged; records added or updated";
    RestoreFailed => "恢复失败，数据未改动", "Restore failed; nothing was changed";
    PaymentsWord => "笔收款", "payments";
    CustomersWord => "个客户", "customers";
    CreditGrade => "信用等级", "Credit grade";
    CreditLimit => "信用额度", "Credit limit";
    UnappliedCredit => "未核销预收", "Unapplied credit";
    OpenInLedger => "在台账中查看", "Open in the ledger";
    InvoicesTitle => "应收单据", "Invoices";
    PaymentsTitle => "收款记录", "Payments";
    PaymentNo => "收款单号", "Receipt no.";
    AppliedTo => "核销单据", "Applied to";
    SettledOn => "结清日期", "Settled on";
    TotalReceivables => "应收总额", "Total receivables";
    OverdueReceivables => "逾期应收", "Overdue receivables";
    OverdueRatio => "逾期率", "Overdue ratio";
    OverdueCustomers => "逾期客户数", "Overdue customers";
    DsoStandard => "DSO（标准法，天）", "DSO (standard, days)";
    DsoCountback => "DSO（倒推法，天）", "DSO (countback, days)";
    DsoFormulas => "指标如何计算", "How these figures are computed";
    Collected => "本期回款", "Collected this period";
    CollectionRate => "回款率", "Collection rate";
    CollectionPeriod => "统计期间", "Period";
    AgingTitle => "账龄分布", "Aging";
    TopCustomers => "逾期金额最大的客户", "Customers by overdue amount";
    OldestDaysOverdue => "最长逾期天数", "Oldest days overdue";
    SalespeopleTitle => "业务员", "Salespeople";
    RegionsTitle => "区域", "Regions";
    ProductLinesTitle => "产品线", "Product lines";
    NoDataYet => "还没有数据：请先拖入 ERP 导出的 CSV 或 Excel 文件。", "No data yet: start by dropping in an ERP export (CSV or Excel).";
    GoImport => "去导入 →", "Go to Import →";
    // Reminders: the inbox, hand-over actions and the audit log.
    RemindersInbox => "待办提醒", "Inbox";
    AuditLog => "审计日志", "Audit log";
    AuditExplain => "每一条提醒的生成、复制、起草、发送、暂停和处理都记录在此，记录一经写入不再修改。", "Every reminder created, copied, drafted, sent, snoozed or handled is recorded here; entries are never edited afterwards.";
    AllActions => "全部动作", "All actions";
    Action => "动作", "Action";
    Rule => "规则", "Rule";
    Recipients => "接收人", "Recipients";
    Channel => "渠道", "Channel";
    Outcome => "结果", "Outcome";
    MessageText => "内容", "Text";
    RemindersToday => "截止日期当天的提醒：", "Reminders for the as-of date:";
    NoReminders => "截止日期当天没有需要发出的提醒。", "No reminders for the as-of date.";
    NoRecipient => "无接收人（请完善人员目录）", "No recipient (complete the directory)";
    ShowMore => "显示更多", "Show more";
    StoreFailed => "无法保存提醒记录", "Could not record the reminders";
    SeverityCritical => "坏账风险", "Critical";
    SeverityHigh => "高度逾期", "High";
    SeverityMedium => "中度逾期", "Medium";
    SeverityLow => "轻度逾期", "Low";
    SeverityInfo => "提示", "Info";
    ChannelInApp => "站内待办", "In-app to-do";
    ChannelEmail => "邮件", "Email";
    ChannelSms => "短信", "SMS";
    ChannelDingTalk => "钉钉", "DingTalk";
    ChannelWeCom => "企业微信", "WeCom";
    ChannelFeishu => "飞书", "Feishu";
    ChannelWebhook => "Webhook", "Webhook";
    Copy => "复制", "Copy";
    Copied => "已复制", "Copied";
    EmailDraft => "邮件草稿", "Email draft";
    EmlDownload => "下载 .eml", "Download .eml";
    SmsDraft => "短信", "SMS";
    DraftOpened => "已打开草稿", "Draft opened";
    ShowText => "查看内容", "Show text";
    Send => "发送", "Send";
    SendConfirmed => "已发送，对方已确认", "Sent and confirmed";
    SendUnconfirmed => "已发出，但无法确认（机器人不回应浏览器请求；可配置中转地址）", "Sent, not confirmed (robots do not answer browsers; configure a relay to confirm)";
    SendFailed => "发送失败", "Send failed";
    PayloadAndCurl => "请求内容与 curl 命令", "Payload and curl command";
    ConfigureChannels => "配置渠道", "Configure channels";
    MarkHandled => "标记已处理", "Mark handled";
    FlagDispute => "标记争议", "Flag dispute";
    ExcludeCustomer => "不再提醒此客户", "Exclude customer";
    SnoozeOrPromise => "暂停提醒 / 承诺付款", "Snooze / promise to pay";
    SnoozeUntil => "暂停至", "Snooze until";
    Snooze => "暂停", "Snooze";
    PromiseDate => "承诺付款日", "Promised date";
    PromiseAmount => "承诺金额（可选）", "Promised amount (optional)";
    RecordPromise => "记录承诺", "Record promise";
    PromiseBroken => "付款承诺未兑现", "Promise to pay broken";
    Saved => "已保存", "Saved";
    BadDate => "请输入有效日期", "Enter a valid date";
    BadAmount => "请输入大于零的金额", "Enter an amount above zero";
    UnresolvedRole => "目录中没有此角色的人员", "Nobody in the directory for role";
    UnknownPerson => "目录中找不到此人", "Not in the directory";
    NoCustomerContact => "客户没有邮箱或手机号", "The customer has no email or mobile";
    NoTemplate => "规则缺少此渠道的模板", "The rule has no template for";
    TemplateError => "模板有误", "Template error";
    // Rules, the directory and channels.
    RulesTab => "提醒规则", "Rules";
    DirectoryTab => "人员目录", "Directory";
    ChannelsTab => "发送渠道", "Channels";
    RulesExplain => "规则按顺序检查；每条规则说明何时提醒、提醒谁、用什么渠道和文字。修改后点击“保存规则”生效，右侧数字是截止日期当天会触发的单据数。", "Rules are checked in order; each says when to remind, whom, on which channels and with what text. Changes take effect when you save; the count shows how many invoices each rule fires for on the as-of date.";
    SaveRules => "保存规则", "Save rules";
    DiscardChanges => "放弃修改", "Discard changes";
    AddRule => "新增规则", "Add rule";
    ResetRules => "恢复默认规则", "Restore default rules";
    ExportRules => "导出规则文件", "Export rules";
    ImportRules => "导入规则文件", "Import rules";
    RulesImported => "已读入规则文件，检查后点击“保存规则”", "Rules read; check them, then save";
    RulesImportFailed => "无法读取规则文件", "Could not read the rule file";
    NewRule => "新规则", "New rule";
    CopyWord => "副本", "copy";
    Delete => "删除", "Delete";
    Edit => "编辑", "Edit";
    Save => "保存", "Save";
    Cancel => "取消", "Cancel";
    Enabled => "启用", "On";
    DaysOverdue => "逾期天数", "Days overdue";
    Severity => "级别", "Severity";
    FiresOnAsOf => "当天触发", "Fires on as-of date";
    AnyDays => "任意天数", "any days";
    CustomerContact => "客户联系人", "Customer contact";
    RuleDuplicateId => "规则编号重复", "duplicate rule id";
    RuleNoRecipients => "没有接收人", "no recipients";
    RuleNoChannels => "没有渠道", "no channels";
    RuleNeverFires => "条件互相矛盾，永远不会触发", "conditions contradict each other: never fires";
    RuleOverlap => "天数范围重叠", "day ranges overlap on";
    RuleGap => "天数范围有空档", "gap in day ranges:";
    RuleBasics => "基本设置", "Basics";
    RuleName => "规则名称", "Rule name";
    DaysFrom => "逾期天数从（负数为到期前）", "Days overdue from (negative: before due)";
    DaysTo => "逾期天数到（留空为不限）", "Days overdue to (empty: no limit)";
    CooldownDays => "冷却天数（同一单据不重复提醒）", "Cooldown days (no repeat for the same invoice)";
    Consolidation => "合并方式", "Consolidation";
    PerInvoice => "每张单据一条", "One per invoice";
    PerCustomer => "每个客户和接收人一条", "One per customer and recipient";
    Conditions => "条件", "Conditions";
    GradesIn => "信用等级属于（逗号分隔）", "Credit grade in (comma-separated)";
    GradesNotIn => "信用等级不属于", "Credit grade not in";
    OutstandingAbove => "未收金额至少（如 CNY 100000）", "Outstanding at least (e.g. CNY 100000)";
    OutstandingBelow => "未收金额低于", "Outstanding below";
    Regions => "区域", "Regions";
    ProductLines => "产品线", "Product lines";
    Tags => "客户标签", "Customer tags";
    LimitUseAtLeast => "信用额度使用率 ≥ (%，100 即已超额度)", "Credit-limit use ≥ (%, 100 = at or over the limit)";
    LateRiskAtLeast => "预测逾期风险 ≥ (%，见回款预测的阈值)", "Predicted late risk ≥ (%, see the forecast's threshold)";
    DisputedCond => "有争议", "Disputed";
    PromisedCond => "承诺付款中", "Under a promise to pay";
    PromiseBrokenCond => "付款承诺已违约", "Promise to pay broken";
    SkipDisputed => "跳过有争议的单据", "Skip disputed invoices";
    SkipPromised => "跳过承诺付款期内的单据", "Skip invoices under a promise to pay";
    Either => "不限", "Either";
    Yes => "是", "Yes";
    No => "否", "No";
    NamedPeople => "指定人员（姓名，逗号分隔）", "Named people (comma-separated)";
    Templates => "消息模板", "Message templates";
    AddTemplate => "新增模板", "Add template";
    AllChannels => "所有渠道", "All channels";
    Language => "语言", "Language";
    Subject => "邮件主题", "Subject";
    NoPreview => "截止日期当天没有此规则适用的单据，无法预览", "No invoice matches this rule on the as-of date to preview";
    DirectoryExplain => "提醒通过人员目录找到接收人：业务员按导入数据中的业务员姓名匹配，销售经理按业务员的上级匹配。也可以在“导入数据”中导入人员 CSV。", "Reminders find their recipients in the directory: salespeople by the salesperson name in the data, sales managers through each salesperson's manager. A staff CSV can also be imported on the Import page.";
    AddPerson => "新增人员", "Add person";
    ImportStaffCsv => "导入人员 CSV", "Import a staff CSV";
    DirectoryEdit => "人员目录编辑", "Directory edit";
    NameRequired => "请填写姓名", "Enter a name";
    PersonName => "姓名", "Name";
    Roles => "角色", "Roles";
    Email => "邮箱", "Email";
    Mobile => "手机", "Mobile";
    Manager => "上级", "Manager";
    ChannelsExplain => "钉钉、企业微信和飞书机器人不回应浏览器请求：发送后只能记为“已发出未确认”；可以复制请求内容或 curl 命令，或配置自己的中转地址以获得确认。密钥只保存在本浏览器，默认不进入备份。保存新地址后需重新加载页面才允许连接。", "DingTalk, WeCom and Feishu robots do not answer browsers: a send is recorded as sent, unconfirmed; copy the payload or curl command, or configure your own relay to get confirmation. Secrets stay in this browser and are left out of backups by default. After saving a new address, reload the page to allow connecting to it.";
    Secret => "签名密钥", "signing secret";
    RelayUrl => "中转地址（可选）", "Relay URL (optional)";
    ReloadToAllow => "地址已保存。重新加载页面后才允许连接新地址。", "Saved. Reload the page to allow connecting to the new addresses.";
    Reload => "重新加载", "Reload";
    StaleTab => "本应用已在另一个标签页中更新。请重新加载此页面，以免两个版本同时写入数据。", "The app was updated in another tab. Reload this page so two versions never write the data at once.";
    WaitingForTabs => "正在等待其他标签页关闭旧版本的回款哨兵……如果一直停在这里，请关闭或重新加载其他标签页。", "Waiting for other tabs to let go of the older AR Sentinel… If this stays, close or reload the other tabs.";
    DbFailed => "无法打开本地数据库", "Could not open the local database";
    PausedTitle => "暂停中的提醒（争议、排除、暂停、承诺付款）", "Paused (disputes, exclusions, snoozes, promises)";
    ClearDispute => "解除争议", "Clear dispute";
    ExcludedWord => "已排除", "excluded";
    IncludeAgain => "恢复提醒", "Remind again";
    EndSnooze => "结束暂停", "End snooze";
    FromDate => "从", "From";
    ToDate => "到", "To";
    StatementTitle => "对账单", "Statement of account";
    StatementNone => "此期间没有可打印的对账单。", "No statement to print for this period.";
    StatementPeriod => "对账期间", "Period";
    StatementOpening => "期初余额", "Opening balance";
    StatementClosing => "期末余额", "Closing balance";
    StatementBalance => "余额", "Balance";
    StatementKind => "类型", "Type";
    StatementInvoice => "发票", "Invoice";
    StatementPayment => "收款", "Payment";
    StatementCreditNote => "红字/贷项", "Credit note";
    StatementInvoiced => "本期开票", "Invoiced";
    StatementPaid => "本期收款", "Paid";
    StatementCredited => "本期贷项", "Credited";
    StatementAging => "期末账龄", "Aging at the period's end";
    StatementFooter => "如对以上金额有异议，请于收到本对账单后 7 日内与我们联系。", "If any amount above differs from your records, please contact us within 7 days of receiving this statement.";
    StatementLink => "对账单", "Statement";
    StatementsOverdue => "打印所有逾期客户的对账单", "Print statements for every customer with overdue items";
    Print => "打印", "Print";
    EnableNotifications => "开启桌面通知", "Desktop notifications";
    NotificationsExplain => "允许后，高度逾期和坏账风险的新提醒会弹出桌面通知", "Once allowed, new high and critical reminders pop up as desktop notifications";
    NotificationsOn => "桌面通知已开启：新的高度逾期和坏账风险提醒会在这里通知您。", "Desktop notifications are on: new high and critical reminders will show here.";
    BackupIncludeSecrets => "备份中包含 Webhook 密钥（请妥善保管备份文件）", "Include webhook secrets in the backup (keep the file safe)";
}

/// A staff role's name.
pub fn role_name(role: crate::domain::model::Role, lang: Lang) -> &'static str {
    use crate::domain::model::Role::*;
    let (zh, en) = match role {
        Salesperson => ("销售", "Salesperson"),
        SalesManager => ("销售经理", "Sales manager"),
        Finance => ("财务", "Finance"),
        SalesDirector => ("销售总监", "Sales director"),
        Ceo => ("总经理", "CEO"),
        Cfo => ("财务总监", "CFO"),
        Legal => ("法务", "Legal"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_text_in_both_languages() {
        for m in Msg::ALL {
            assert!(
                !m.text(Lang::Zh).trim().is_empty(),
                "{m:?} has no Chinese text"
            );
            assert!(
                !m.text(Lang::En).trim().is_empty(),
                "{m:?} has no English text"
            );
        }
    }

    #[test]
    fn language_tags_round_trip_and_default_is_chinese() {
        assert_eq!(Lang::default(), Lang::Zh);
        for l in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_tag(l.tag()), Some(l));
            assert_eq!(l.other().other(), l);
        }
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
