//! The "as of" date a report states in its title rows (`截止日期：2026-03-31`,
//! `As at 31 March 2026`), offered to the user as the import's as-of date.

use super::cells::{is_blank, parse_date, to_half_width};
use super::table::SourceRow;
use chrono::NaiveDate;

/// Labels that name the report's cut-off date, tried before the generic ones. Lower case:
/// cells are compared ASCII-case-insensitively. Longer labels first, so `截止日期` wins
/// over `截止`.
const CUT_OFF_LABELS: &[&str] = &[
    "截止日期",
    "截至日期",
    "报表日期",
    "统计日期",
    "账龄日期",
    "截止",
    "截至",
    "report date",
    "reporting date",
    "statement date",
    "aging date",
    "ageing date",
    "as at",
    "as of",
    "cut-off date",
    "cutoff date",
];
/// A bare "date" label, used only when no cut-off label gives a date.
const GENERIC_LABELS: &[&str] = &["日期", "date"];
/// A cell mentioning these is a print or creation stamp, not the report's date.
const NOT_REPORT_DATE: &[&str] = &["打印", "print", "制单", "导出", "export"];
/// Longest date text tried after a label, in words (`Wednesday, 31 March 2026`).
const MAX_DATE_WORDS: usize = 5;

/// Finds the report date in `rows`, which should be the rows above the header row.
/// Cut-off labels (`截止日期`, `截至`, `报表日期`, `As at`, `As of`, `Report date`) take
/// precedence over a bare `日期`/`Date`; the date follows the label (after an optional
/// ASCII or full-width colon) in the same cell or in the next non-blank cell of the row.
/// An ambiguous `01/02/2026` gives no date rather than a guess.
pub fn find_report_date(rows: &[SourceRow]) -> Option<NaiveDate> {
    find_with_labels(rows, CUT_OFF_LABELS).or_else(|| find_with_labels(rows, GENERIC_LABELS))
}

fn find_with_labels(rows: &[SourceRow], labels: &[&str]) -> Option<NaiveDate> {
    rows.iter().find_map(|row| {
        row.cells.iter().enumerate().find_map(|(i, cell)| {
            let text = to_half_width(cell).to_ascii_lowercase();
            if labels == GENERIC_LABELS && NOT_REPORT_DATE.iter().any(|w| text.contains(w)) {
                return None;
            }
            let after = labels
                .iter()
                .find_map(|label| text.find(label).map(|at| at + label.len()))?;
            let rest = text[after..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
            if !is_blank(rest) {
                return date_at_start(rest);
            }
            let next = row.cells[i + 1..].iter().find(|c| !is_blank(c))?;
            date_at_start(&to_half_width(next))
        })
    })
}

/// A date at the start of `text`, possibly followed by other words (`2026-03-31 单位：元`).
fn date_at_start(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // Word ends, shortest candidate last: try the longest plausible date text first.
    let mut ends: Vec<usize> = text
        .char_indices()
        .filter(|(i, c)| c.is_whitespace() && !text[..*i].ends_with(char::is_whitespace))
        .map(|(i, _)| i)
        .take(MAX_DATE_WORDS - 1)
        .collect();
    ends.push(text.len());
    ends.iter().rev().find_map(|end| {
        let candidate = text[..*end].trim_end_matches(|c: char| {
            matches!(
                c,
                '止' | ')' | '(' | ',' | '.' | ';' | '。' | '，' | '）' | '（'
            )
        });
        parse_date(candidate, None).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<SourceRow> {
        cells
            .iter()
            .enumerate()
            .map(|(i, r)| SourceRow::new(i + 1, r.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    fn find(cells: &[&[&str]]) -> Option<NaiveDate> {
        find_report_date(&rows(cells))
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn chinese_labels() {
        let mar31 = d(2026, 3, 31);
        assert_eq!(find(&[&["应收账款明细表"], &["日期：2026-03-31"]]), mar31);
        assert_eq!(find(&[&["截止日期：2026-03-31"]]), mar31);
        assert_eq!(find(&[&["截止日期:2026-03-31"]]), mar31);
        assert_eq!(find(&[&["截至2026年3月31日"]]), mar31);
        assert_eq!(find(&[&["截至2026年3月31日止"]]), mar31);
        assert_eq!(find(&[&["报表日期: 2026/3/31"]]), mar31);
        assert_eq!(find(&[&["报表日期：２０２６－０３－３１"]]), mar31);
        assert_eq!(
            find(&[&["编制单位：甲公司", "截止日期：2026-03-31 单位：元"]]),
            mar31
        );
        assert_eq!(find(&[&["截止日期：", "", "2026-03-31"]]), mar31);
    }

    #[test]
    fn english_labels() {
        let mar31 = d(2026, 3, 31);
        assert_eq!(
            find(&[&["Aged Receivables"], &["As at 31 March 2026"]]),
            mar31
        );
        assert_eq!(find(&[&["As of 2026-03-31"]]), mar31);
        assert_eq!(find(&[&["AS OF Mar 31, 2026"]]), mar31);
        assert_eq!(find(&[&["Report date: 03/31/2026"]]), mar31);
        assert_eq!(
            find(&[&["Aged Receivables Summary As at 31 March 2026 (CNY)"]]),
            mar31
        );
        assert_eq!(find(&[&["Date", "2026-03-31"]]), mar31);
    }

    #[test]
    fn cut_off_labels_beat_generic_and_print_stamps() {
        let table = [
            &["打印日期：2026-04-02"][..],
            &["日期：2026-04-01", "截止日期：2026-03-31"],
        ];
        assert_eq!(find(&table), d(2026, 3, 31));
        assert_eq!(find(&[&["打印日期：2026-04-02"]]), None);
        assert_eq!(find(&[&["Printed date: 2026-04-02"]]), None);
    }

    #[test]
    fn nothing_or_ambiguous_gives_none() {
        assert_eq!(find(&[]), None);
        assert_eq!(find(&[&["应收账款明细表"], &[""]]), None);
        assert_eq!(find(&[&["As at 01/02/2026"]]), None);
        assert_eq!(find(&[&["截止日期："]]), None);
        assert_eq!(find(&[&["截止日期：待定"]]), None);
        assert_eq!(find(&[&["期间：2026年3月"]]), None);
    }
}
