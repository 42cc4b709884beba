//! CSV for people who open it in Excel: UTF-8 with a BOM (so Chinese text shows), CRLF line
//! ends, every field quoted when needed, and cells that Excel would run as a formula neutralised.

use std::borrow::Cow;

/// A cell Excel (or LibreOffice) would evaluate — starting with `=`, `+`, `-`, `@`, tab or
/// carriage return — gets a leading apostrophe, which spreadsheet programs show as text.
/// Plain numbers such as `-1234.50` are left alone: they cannot carry a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    let risky = matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    );
    if risky && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

fn push_field(out: &mut String, cell: &str) {
    let cell = neutralise(cell);
    if cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&cell);
    }
}

/// A whole CSV document: BOM, the header row, then the rows.
pub fn document<R, C>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    let mut out = String::from("\u{FEFF}");
    let mut write_row = |cells: &mut dyn Iterator<Item = String>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_field(&mut out, &cell);
        }
        out.push_str("\r\n");
    };
    write_row(&mut header.iter().map(|h| h.to_string()));
    for row in rows {
        write_row(&mut row.into_iter().map(|c| c.as_ref().to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_formulas_but_not_numbers() {
        assert_eq!(
            neutralise("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(neutralise("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("-1234.50"), "-1234.50");
        assert_eq!(neutralise("-"), "'-");
        assert_eq!(neutralise("华东客户"), "华东客户");
    }

    #[test]
    fn writes_bom_crlf_and_quotes() {
        let doc = document(
            &["单据编号", "客户"],
            vec![vec!["0001", "A, \"B\""], vec!["=1+1", "x\ny"]],
        );
        assert_eq!(
            doc,
            "\u{FEFF}单据编号,客户\r\n0001,\"A, \"\"B\"\"\"\r\n'=1+1,\"x\ny\"\r\n"
        );
    }
}
