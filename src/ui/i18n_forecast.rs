//! Catalogue entries for the forecast page, the late-risk badge and the explanation of a
//! prediction, in both languages (kept apart from `i18n.rs`, like `i18n_import.rs`).

use super::i18n::{catalogue, Lang};
use crate::domain::forecast::Feature;

catalogue! {
    /// A text of the forecast screens.
    Ft;
    Intro => "根据已结清发票的回款习惯，预测每张未收发票的回款日期，并汇总为未来13周的现金流入。", "Expected payment dates for every open invoice, learned from the settled history, and the cash they bring in over the next 13 weeks.";
    NoHistory => "还没有已结清的发票：预测只能使用保守的默认假设。导入带结清日期的历史数据可提高准确度。", "No settled invoices yet: predictions use a cautious default. Import history with settled dates to learn real habits.";
    TrainedOn => "学习的已结清发票", "Settled invoices learned from";
    OpenPredicted => "预测的未收发票", "Open invoices predicted";
    HighRiskCount => "高逾期风险发票", "Invoices at high late risk";
    Threshold => "逾期风险阈值（到期后天数）", "Late-risk threshold (days after due)";
    ThresholdHelp => "逾期风险 = 到期后超过该天数才回款的概率", "Late risk = probability of being paid more than this many days after due";
    ThresholdInvalid => "请输入 0 到 365 之间的整数天数", "Enter a whole number of days from 0 to 365";
    ThresholdSaveFailed => "阈值未能保存到本地数据库（本次访问仍然有效）", "The threshold could not be saved to the local database (it applies for this visit)";
    Export => "下载预测 CSV", "Download forecast CSV";
    CashTitle => "未来13周现金流入预测", "13-week cash forecast";
    ChartLegend => "柱：预计回款；竖线：20%–80% 区间", "Bars: expected receipts; whiskers: 20th–80th percentile range";
    Week => "周", "Week";
    WeekDates => "日期", "Dates";
    Expected => "预计回款", "Expected";
    Low => "低", "Low";
    High => "高", "High";
    Invoices => "发票", "Invoices";
    Later => "13周以后", "Later";
    Total => "合计未收", "Total open";
    ShowInvoices => "查看发票", "Show invoices";
    WeekInvoicesTitle => "该周预计回款的发票", "Invoices expected in this week";
    ExpectedDate => "预计回款日", "Expected payment";
    Range => "区间", "Range";
    LateRisk => "逾期风险", "Late risk";
    Explain => "解释", "Explain";
    RiskLow => "低", "low";
    RiskMedium => "中", "medium";
    RiskHigh => "高", "high";
    BacktestTitle => "回测：模型有多准？", "Backtest: how accurate would it have been?";
    BacktestHelp => "模型只使用截止到回测日已知的数据训练，预测当日未收的发票，再与截止日期（页头）之前的实际回款比较。不会用训练数据评分。", "The model learns only from what was known at the cut-off, predicts the invoices open then, and is scored against what was actually paid up to the as-of date (top of the page). Nothing it trained on is scored.";
    Cutoff => "回测日", "Cut-off date";
    Run => "运行回测", "Run backtest";
    Running => "正在回测…", "Running the backtest…";
    CutoffInvalid => "请选择有效的回测日期", "Choose a valid cut-off date";
    CutoffNotBeforeAsOf => "回测日必须早于截止日期", "The cut-off must be before the as-of date";
    NothingScored => "回测日未收、且在截止日期前结清的发票为零，无法评分。请选择更早的回测日。", "No invoice open at the cut-off was settled by the as-of date, so nothing can be scored. Choose an earlier cut-off.";
    Method => "方法", "Method";
    Model => "模型", "Model";
    BaselineDue => "基准：到期日付款", "Baseline: paid on the due date";
    BaselineMean => "基准：客户平均延迟", "Baseline: customer's mean delay";
    Mae => "平均绝对误差（天）", "Mean absolute error (days)";
    Brier => "Brier 分数（逾期风险）", "Brier score (late risk)";
    Scored => "评分发票（回测日未收、之后结清）", "Invoices scored (open at cut-off, settled since)";
    OpenAtCutoff => "回测日未收发票", "Invoices open at the cut-off";
    LowerIsBetter => "两项指标都是越低越好。", "Lower is better for both.";
    ExplainTitle => "预测说明", "Why this prediction";
    ExplainNotFound => "找不到这张未收发票（可能已结清，或不在当前数据中）", "No open invoice with this number (it may be settled, or not in the data)";
    HistoryTitle => "驱动预测的客户历史", "The customer's history behind it";
    SettledCount => "已结清发票数", "Settled invoices";
    CustomerMeanDelay => "客户加权平均延迟（天）", "Customer's weighted mean delay (days)";
    Credibility => "客户自身历史的权重", "Weight of the customer's own history";
    PortfolioMeanDelay => "全部客户平均延迟（天）", "Portfolio mean delay (days)";
    BaseDelay => "起点延迟（天）", "Starting delay (days)";
    FeaturesTitle => "影响预测的发票特征", "Invoice features that moved it";
    Feature => "特征", "Feature";
    Value => "取值", "Value";
    Days => "影响（天）", "Effect (days)";
    ResidualShift => "回款分布偏度（均值→中位数）", "Skew of the payment distribution (mean → median)";
    UnpaidShift => "截至今日仍未付款的调整", "Adjustment for still being unpaid today";
    PredictedDelay => "预测延迟（到期后天数）", "Predicted delay (days after due)";
    SettledOn => "结清日", "Settled";
    Delay => "延迟（天）", "Delay (days)";
    NoCustomerHistory => "该客户没有已结清的历史：预测采用全部客户的习惯。", "This customer has no settled history: the prediction uses the whole portfolio's habits.";
}

/// The name of a model feature.
pub fn feature_name(feature: Feature, lang: Lang) -> &'static str {
    let (zh, en) = match feature {
        Feature::LogAmount => (
            "发票金额（相对币别平均）",
            "Invoice amount (vs. currency average)",
        ),
        Feature::AmountVsCustomer => (
            "发票金额（相对该客户常见金额）",
            "Invoice amount (vs. the customer's usual)",
        ),
        Feature::TermsLength => ("账期长度（月）", "Terms length (months)"),
        Feature::Disputed => ("有争议", "Disputed"),
        Feature::DueAtMonthEnd => ("月末到期", "Due at month-end"),
        Feature::MonthEndPayer => ("客户习惯月末付款", "Customer pays at month-end"),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// How a late risk is shown: low below 25 %, high from 50 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RiskBand {
    Low,
    Medium,
    High,
}

impl RiskBand {
    pub fn of(risk: f64) -> RiskBand {
        if risk >= 0.5 {
            RiskBand::High
        } else if risk >= 0.25 {
            RiskBand::Medium
        } else {
            RiskBand::Low
        }
    }
    /// The CSS class of the badge.
    pub fn class(self) -> &'static str {
        match self {
            RiskBand::Low => "risk risk-low",
            RiskBand::Medium => "risk risk-medium",
            RiskBand::High => "risk risk-high",
        }
    }
    pub fn label(self) -> Ft {
        match self {
            RiskBand::Low => Ft::RiskLow,
            RiskBand::Medium => Ft::RiskMedium,
            RiskBand::High => Ft::RiskHigh,
        }
    }
}

/// "42%" for a probability.
pub fn percent(p: f64) -> String {
    format!("{:.0}%", (p.clamp(0.0, 1.0) * 100.0).round() + 0.0)
}

/// "+3.2" / "−1.5" days, for the explanation.
pub fn signed_days(days: f64) -> String {
    let rounded = (days * 10.0).round() / 10.0 + 0.0;
    if rounded > 0.0 {
        format!("+{rounded:.1}")
    } else if rounded < 0.0 {
        format!("−{:.1}", -rounded)
    } else {
        "0.0".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages_and_they_differ() {
        for t in Ft::ALL {
            let (zh, en) = (t.text(Lang::Zh), t.text(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty(), "{t:?}");
            assert!(zh != en || zh.len() < 4, "{t:?}");
        }
        for f in Feature::ALL {
            assert_ne!(feature_name(f, Lang::Zh), feature_name(f, Lang::En));
        }
    }

    #[test]
    fn risk_bands_and_numbers_read_well() {
        assert_eq!(RiskBand::of(0.0), RiskBand::Low);
        assert_eq!(RiskBand::of(0.2499), RiskBand::Low);
        assert_eq!(RiskBand::of(0.25), RiskBand::Medium);
        assert_eq!(RiskBand::of(0.5), RiskBand::High);
        assert_eq!(RiskBand::of(1.0), RiskBand::High);
        assert_eq!(percent(0.424), "42%");
        assert_eq!(percent(-0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(signed_days(3.24), "+3.2");
        assert_eq!(signed_days(-1.46), "−1.5");
        assert_eq!(signed_days(-0.01), "0.0");
    }
}
