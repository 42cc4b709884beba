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

macro_rules! catalogue {
    ($($key:ident => $zh:expr, $en:expr;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$key, Lang::Zh) => $zh, (Msg::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
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
    StorageNotPersisted => "浏览器未承诺保留本地数据：请定期备份", "The browser may evict local data: back up regularly";
    PlannedReminders => "此处将显示按规则生成的催收提醒：按收件人和严重程度分组，可复制、生成邮件草稿、短信或推送到钉钉/企业微信/飞书。", "Reminders produced by the rules will appear here, grouped by recipient and severity, ready to copy, draft as email or SMS, or push to DingTalk / WeCom / Feishu.";
    PlannedRules => "此处将编辑分级逾期提醒规则：条件、收件人、渠道、模板和冷却期。", "Tiered overdue-reminder rules will be edited here: conditions, recipients, channels, templates and cooldowns.";
    PlannedDashboard => "此处将显示应收总额、逾期、账龄分布、排名、DSO 和趋势，并可逐层下钻。", "Total and overdue receivables, aging, rankings, DSO and trends will appear here, each with drill-down.";
    PlannedCredit => "此处将根据回款历史给出客户信用评级、额度使用和政策建议。", "Customer credit grades from payment history, limit use and policy suggestions will appear here.";
    PlannedForecast => "此处将预测每张发票的回款日期和未来13周的现金流入，并用回测证明其准确度。", "Expected payment dates and a 13-week cash forecast will be shown here, proven by backtest.";
    PlannedApprovals => "此处将处理账期延长申请：逐级审批并留下完整记录。", "Payment-term extension requests will be approved here, step by step, with a complete trail.";
    ImportDropHint => "把 ERP 导出的 CSV / Excel 文件拖到这里，或点击选择（可多选）", "Drop ERP exports (CSV / Excel) here, or click to choose (several at once)";
    ImportReading => "正在读取文件…", "Reading files…";
    ImportParsing => "正在解析表格…", "Parsing the table…";
    ImportChecking => "正在识别列并校验每一行…", "Mapping columns and checking every row…";
    ImportSaving => "正在写入本地数据库…", "Saving to the local database…";
    ImportCommit => "确认导入", "Import";
    ImportCancel => "取消", "Cancel";
    ImportAnswerFirst => "请先回答上面的问题", "Answer the questions above first";
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
    NoDataYet => "还没有数据：请先在“导入数据”页拖入 ERP 导出文件。", "No data yet: drag an ERP export onto the Import page first.";
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
