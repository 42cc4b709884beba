//! Where the header is, and what each row below it is.
//!
//! ERP reports put a company name, a title, `日期：…` lines and blank rows above the header,
//! and subtotal (`小计`) / total (`合计`, `Grand Total`) rows among the data. Those rows are
//! neither imported nor refused: they are recognised and skipped.

use super::synonyms::{normalize_header, ranked_field_for_header, Field};
use super::table::SourceRow;

/// Headers sit near the top; scanning further only risks taking data for a header.
pub const MAX_HEADER_SCAN: usize = 50;

/// A header needs at least this many recognised fields (one of them a key field).
pub const MIN_HEADER_FIELDS: usize = 2;

/// Index (into `rows`) of the most header-like row among the first [`MAX_HEADER_SCAN`]:
/// the one naming the most distinct fields, the earliest on a tie. `None` when no row names
/// [`MIN_HEADER_FIELDS`] fields including a key field (a customer, invoice, order, shipment,
/// payment number or person name).
pub fn find_header_row(rows: &[SourceRow]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (index, row) in rows.iter().take(MAX_HEADER_SCAN).enumerate() {
        let score = header_score(&row.cells);
        if score >= MIN_HEADER_FIELDS && best.is_none_or(|(_, s)| score > s) {
            best = Some((index, score));
        }
    }
    best.map(|(index, _)| index)
}

/// How many distinct fields the cells name; 0 when none of them is a key field.
pub fn header_score(cells: &[String]) -> usize {
    let mut fields: Vec<Field> = cells
        .iter()
        .filter_map(|c| ranked_field_for_header(c).map(|(f, _)| f))
        .collect();
    if !fields.iter().any(|f| f.is_key()) {
        return 0;
    }
    fields.sort_unstable();
    fields.dedup();
    fields.len()
}

/// What a row below the header is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowClass {
    Blank,
    /// `小计`, `合计`, `Total`, `客户A(小计)`…: a figure derived from the data rows.
    Subtotal,
    /// The header again (reports printed page by page repeat it).
    RepeatedHeader,
    /// A footer such as `制表人：张三` alone on its row, or a row with nothing in any
    /// mapped column (a group heading, a remark).
    Note,
    Data,
}

/// Classifies rows below one header. Built once per table; each row is one pass over its
/// cells with no allocation beyond the compacted text of non-empty cells.
pub struct RowClassifier {
    header: Vec<String>,
    /// Columns holding document numbers: a weak total marker counts only when all are empty.
    number_columns: Vec<usize>,
    /// Columns with a field: a row with all of them blank carries nothing to import.
    mapped_columns: Vec<usize>,
}

impl RowClassifier {
    /// `header` is the header row's cells; `columns` the field of each column.
    pub fn new(header: &[String], columns: &[Option<Field>]) -> RowClassifier {
        let number_columns = columns
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                matches!(
                    f,
                    Some(Field::InvoiceNo | Field::OrderNo | Field::ShipmentNo | Field::PaymentNo)
                )
            })
            .map(|(i, _)| i)
            .collect();
        let mapped_columns = columns
            .iter()
            .enumerate()
            .filter(|(_, f)| f.is_some())
            .map(|(i, _)| i)
            .collect();
        RowClassifier {
            header: header.iter().map(|h| normalize_header(h)).collect(),
            number_columns,
            mapped_columns,
        }
    }

    pub fn classify(&self, cells: &[String]) -> RowClass {
        let mut filled = cells.iter().filter(|c| !is_blank(c));
        let Some(first) = filled.next() else {
            return RowClass::Blank;
        };
        let only_one = filled.next().is_none();
        let numbers_empty = self
            .number_columns
            .iter()
            .all(|&i| cells.get(i).is_none_or(|c| is_blank(c)));
        let mut weak = false;
        for cell in cells.iter().filter(|c| !is_blank(c)) {
            match total_marker(cell) {
                Marker::Strong => return RowClass::Subtotal,
                Marker::Weak => weak = true,
                Marker::None => {}
            }
        }
        if weak && numbers_empty && !self.number_columns.is_empty() {
            return RowClass::Subtotal;
        }
        if (only_one && is_footer_note(first)) || self.nothing_mapped(cells) {
            return RowClass::Note;
        }
        if self.is_header_again(cells) {
            return RowClass::RepeatedHeader;
        }
        RowClass::Data
    }

    /// Group headings (QuickBooks puts the customer's name alone in an unnamed first
    /// column) and remarks outside the mapped columns.
    fn nothing_mapped(&self, cells: &[String]) -> bool {
        !self.mapped_columns.is_empty()
            && self
                .mapped_columns
                .iter()
                .all(|&i| cells.get(i).is_none_or(|c| is_blank(c)))
    }

    fn is_header_again(&self, cells: &[String]) -> bool {
        let width = self.header.len().max(cells.len());
        (0..width).all(|i| {
            let h = self.header.get(i).map(String::as_str).unwrap_or("");
            let c = cells.get(i).map(String::as_str).unwrap_or("");
            // Cheap reject before normalising.
            (h.is_empty() && is_blank(c)) || (!is_blank(c) && normalize_header(c) == h)
        })
    }
}

fn is_blank(s: &str) -> bool {
    super::cells::is_blank(s)
}

enum Marker {
    None,
    /// A cell that can only be a total label.
    Strong,
    /// Total-like text (`Total Acme Ltd`, `华东区合计`) that could be a name: a total only
    /// when the row has no document number.
    Weak,
}

const STRONG_MARKERS: &[&str] = &[
    "合计",
    "小计",
    "总计",
    "总合计",
    "本页合计",
    "本页小计",
    "累计",
    "合计金额",
    "本期合计",
    "本年累计",
    "total",
    "totals",
    "grandtotal",
    "subtotal",
    "pagetotal",
    "合计数",
];

/// Suffixes ERP reports put after the group name: `客户A(小计)`.
const BRACKETED_MARKERS: &[&str] = &["(小计)", "(合计)", "(总计)", "(subtotal)", "(total)"];

fn total_marker(cell: &str) -> Marker {
    // Every marker contains 计 or a t (total); most cells have neither, so they are
    // rejected here without allocating. Markers are short: a long cell is a name or a note.
    let may_be_marker = cell.contains('计') || cell.bytes().any(|b| b | 0x20 == b't');
    if !may_be_marker || cell.len() > 200 {
        return Marker::None;
    }
    let compact: String = cell
        .chars()
        .filter_map(|c| match c {
            '（' => Some('('),
            '）' => Some(')'),
            '：' | ':' => None,
            c if c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}') => None,
            c => Some(c.to_ascii_lowercase()),
        })
        .collect();
    if STRONG_MARKERS.contains(&compact.as_str())
        || BRACKETED_MARKERS.iter().any(|m| compact.ends_with(m))
    {
        return Marker::Strong;
    }
    let lower = cell.trim().to_ascii_lowercase();
    if lower.starts_with("total ")
        || lower.starts_with("total:")
        || lower.starts_with("subtotal")
        || lower.ends_with(" total")
        || ["小计", "合计", "总计"]
            .iter()
            .any(|m| compact.ends_with(m))
    {
        return Marker::Weak;
    }
    Marker::None
}

const FOOTER_PREFIXES: &[&str] = &[
    "制表",
    "审核",
    "打印",
    "备注",
    "注:",
    "注：",
    "说明",
    "prepared by",
    "printed",
    "report generated",
    "generated",
    "note:",
];

fn is_footer_note(cell: &str) -> bool {
    let lower = cell.trim().to_ascii_lowercase();
    FOOTER_PREFIXES.iter().any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, cells: &[&str]) -> SourceRow {
        SourceRow::new(line, cells.iter().map(|c| c.to_string()).collect())
    }

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn finds_header_below_titles_and_blank_rows() {
        let rows = vec![
            row(1, &["XX制造有限公司 应收款明细表", "", ""]),
            row(2, &["日期：2026-03-31", "", ""]),
            row(3, &["", "", ""]),
            row(4, &["客户编码", "客户名称", "单据编号", "价税合计"]),
            row(5, &["001", "甲公司", "AR-1", "100"]),
        ];
        assert_eq!(find_header_row(&rows), Some(3));
    }

    #[test]
    fn header_needs_two_fields_including_a_key() {
        assert_eq!(
            find_header_row(&[row(1, &["Amount", "Due Date", "Total"])]),
            None
        );
        assert_eq!(find_header_row(&[row(1, &["Customer", "foo"])]), None);
        assert_eq!(find_header_row(&[row(1, &["Customer", "Amount"])]), Some(0));
        assert_eq!(find_header_row(&[]), None);
        // The same field twice is one field.
        assert_eq!(
            find_header_row(&[row(1, &["客户名称", "Customer Name"])]),
            None
        );
    }

    #[test]
    fn the_richest_row_wins_and_ties_go_to_the_first() {
        let rows = vec![
            row(1, &["Customer", "Amount"]),
            row(2, &["Customer", "Invoice No", "Amount"]),
            row(3, &["Customer", "Invoice No", "Total"]),
        ];
        assert_eq!(find_header_row(&rows), Some(1));
    }

    #[test]
    fn header_beyond_the_scan_window_is_not_found() {
        let mut rows: Vec<SourceRow> = (1..=MAX_HEADER_SCAN).map(|l| row(l, &["x"])).collect();
        rows.push(row(MAX_HEADER_SCAN + 1, &["Customer", "Amount"]));
        assert_eq!(find_header_row(&rows), None);
    }

    fn classifier() -> RowClassifier {
        let header = strings(&["客户编码", "客户名称", "单据编号", "价税合计"]);
        let cols: Vec<Option<Field>> = header
            .iter()
            .map(|h| super::super::synonyms::field_for_header(h))
            .collect();
        RowClassifier::new(&header, &cols)
    }

    #[test]
    fn classifies_subtotals_totals_blanks_notes_and_data() {
        let c = classifier();
        let class = |cells: &[&str]| c.classify(&strings(cells));
        assert_eq!(class(&["", " ", "\u{3000}", ""]), RowClass::Blank);
        assert_eq!(class(&[]), RowClass::Blank);
        assert_eq!(class(&["小计", "", "", "1,000.00"]), RowClass::Subtotal);
        assert_eq!(
            class(&["", "甲公司(小计)", "", "1,000.00"]),
            RowClass::Subtotal
        );
        assert_eq!(
            class(&["", "甲公司（小计）", "", "1,000.00"]),
            RowClass::Subtotal
        );
        assert_eq!(class(&["合 计", "", "", "9,000.00"]), RowClass::Subtotal);
        assert_eq!(
            class(&["Grand Total", "", "", "9,000.00"]),
            RowClass::Subtotal
        );
        assert_eq!(class(&["TOTAL:", "", "", "9"]), RowClass::Subtotal);
        assert_eq!(class(&["", "Total Acme Ltd", "", "9"]), RowClass::Subtotal);
        assert_eq!(class(&["", "华东区合计", "", "9"]), RowClass::Subtotal);
        assert_eq!(class(&["制表人：张三", "", "", ""]), RowClass::Note);
        assert_eq!(
            class(&["客户编码", "客户名称", "单据编号", "价税合计"]),
            RowClass::RepeatedHeader
        );
        assert_eq!(class(&["001", "甲公司", "AR-1", "100"]), RowClass::Data);
    }

    #[test]
    fn total_like_names_with_a_document_number_stay_data() {
        let c = classifier();
        let class = |cells: &[&str]| c.classify(&strings(cells));
        assert_eq!(
            class(&["007", "Total Solutions Ltd", "INV-9", "100"]),
            RowClass::Data
        );
        assert_eq!(
            class(&["008", "联合计算机公司", "AR-9", "100"]),
            RowClass::Data
        );
        assert_eq!(class(&["008", "华东合计", "AR-9", "100"]), RowClass::Data);
        // A lone cell that is not a footer is data (and will be refused for what it lacks).
        assert_eq!(class(&["甲公司", "", "", ""]), RowClass::Data);
        // Text only beyond the mapped columns: a heading or remark.
        assert_eq!(class(&["", "", "", "", "备注：月底前回款"]), RowClass::Note);
        // Script text is just text.
        assert_eq!(
            class(&["<script>alert(1)</script>", "x", "AR-1", "1"]),
            RowClass::Data
        );
    }

    #[test]
    fn weak_markers_need_a_number_column() {
        let header = strings(&["客户名称", "信用额度"]);
        let cols = vec![Some(Field::CustomerName), Some(Field::CreditLimit)];
        let c = RowClassifier::new(&header, &cols);
        assert_eq!(
            c.classify(&strings(&["Total Solutions Ltd", "100"])),
            RowClass::Data
        );
        assert_eq!(c.classify(&strings(&["合计", "100"])), RowClass::Subtotal);
    }
}
