//! Bounded property tests driving `analyze` (and a re-run with an arbitrary mapping) with
//! arbitrary bytes and with CSV-like files built from a grammar of realistic headers,
//! cells, title and subtotal rows, delimiters, line ends and encodings. Properties: no
//! panic, and the invariants of `support::check_invariants` plus "every error names a line
//! the file has".

use super::support::{check_invariants, no_saved, run};
use ar_sentinel::domain::money::Currency;
use ar_sentinel::import::cells::DayMonthOrder;
use ar_sentinel::import::mapping::{FileKind, Mapping};
use ar_sentinel::import::pipeline::analyze;
use ar_sentinel::import::synonyms::Field;
use proptest::prelude::*;

const HEADERS: &[&str] = &[
    "客户编码",
    "客户名称",
    "单据编号",
    "业务日期",
    "到期日",
    "币别",
    "价税合计",
    "已收金额",
    "未收金额",
    "业务员",
    "收款单号",
    "收款金额",
    "收款日期",
    "付款条件",
    "是否争议",
    "订单号",
    "产品线",
    "区域",
    "发货单号",
    "信用额度",
    "Customer",
    "Invoice No",
    "Invoice Date",
    "Due Date",
    "Amount",
    "Currency",
    "Balance",
    "Sales Rep",
    "Terms",
    "Payment No",
    "备注",
    "",
    "Notes",
    "<b>客户</b>",
    "=A1",
    "金额（元）",
    "客户\u{200B}名称",
];

const TITLES: &[&str] = &[
    "XX制造有限公司 应收款明细表",
    "日期：2026-03-31",
    "截止日期: 2026/3/31",
    "",
    "单位：元",
    "Aged Receivables as of 31 Mar 2026",
];

const WORDS: &[&str] = &[
    "小计",
    "合计",
    "总计",
    "Total",
    "Grand Total",
    "华东机电有限公司(小计)",
    "制表人：张三",
    "-",
    "—",
    "人民币",
    "CNY",
    "USD",
    "XYZ",
    "ＵＳＤ",
    "¥",
    "是",
    "否",
    "月结30天",
    "货到60天",
    "Net 30",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "\u{202E}abc",
    "\u{200B}",
    "\u{FEFF}",
    "\"",
    "\"\"",
    "'0012",
    "=\"0012\"",
    "N/A",
    "#REF!",
    "TRUE",
];

fn date_cell() -> impl Strategy<Value = String> {
    (0u32..10_000, 0u32..14, 0u32..33, 0usize..8).prop_map(|(y, m, d, form)| match form {
        0 => format!("{y:04}-{m:02}-{d:02}"),
        1 => format!("{y}/{m}/{d}"),
        2 => format!("{d}/{m}/{y:04}"),
        3 => format!("{m:02}/{d:02}/{y:04}"),
        4 => format!("{y}年{m}月{d}日"),
        5 => format!("{y:04}{m:02}{d:02}"),
        6 => format!("{y:04}-{m:02}-{d:02} 13:45:00"),
        _ => format!("{}", y * 300 + m * 31 + d),
    })
}

fn amount_cell() -> impl Strategy<Value = String> {
    (any::<i64>(), 0u32..5, 0usize..9).prop_map(|(n, decimals, form)| {
        let digits = n.unsigned_abs().to_string();
        let split = digits.len().saturating_sub(decimals as usize);
        let plain = if decimals == 0 || split == 0 {
            digits.clone()
        } else {
            format!("{}.{}", &digits[..split], &digits[split..])
        };
        let sign = if n < 0 { "-" } else { "" };
        match form {
            0 => format!("{sign}{plain}"),
            1 => format!("({plain})"),
            2 => format!("¥{sign}{plain}"),
            3 => format!("{plain}-"),
            4 => format!("{sign}{}E+{}", &digits[..1], digits.len() - 1),
            5 => format!("{sign}{plain} 元"),
            6 => grouped(&digits),
            7 => format!("１２３４．５０{plain}"),
            _ => format!("{plain},5"),
        }
    })
}

fn grouped(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => date_cell(),
        3 => amount_cell(),
        3 => "[A-Z]{0,3}-?[0-9]{1,6}",
        3 => "[\u{4E00}-\u{9FA5}]{1,8}(有限公司)?",
        2 => prop::sample::select(WORDS).prop_map(str::to_owned),
        2 => Just(String::new()),
        1 => "[a-z0-9\",;|\t\r\n\u{1}-\u{1f}\u{200B}\u{202E}<>=' ]{0,10}",
    ]
}

fn row() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(cell(), 0..12)
}

#[derive(Debug, Clone)]
struct CsvFile {
    titles: Vec<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    delimiter: char,
    line_end: &'static str,
    quote_properly: bool,
    encoding: usize,
    name: &'static str,
}

fn csv_file() -> impl Strategy<Value = CsvFile> {
    (
        prop::collection::vec(prop::sample::select(TITLES).prop_map(str::to_owned), 0..4),
        prop::collection::vec(prop::sample::select(HEADERS).prop_map(str::to_owned), 1..12),
        prop::collection::vec(row(), 0..30),
        prop::sample::select(vec![',', '\t', ';', '|']),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
        any::<bool>(),
        0usize..4,
        prop::sample::select(vec!["a.csv", "a.txt", "导出.xls", "noext", ""]),
    )
        .prop_map(
            |(titles, header, rows, delimiter, line_end, quote_properly, encoding, name)| CsvFile {
                titles,
                header,
                rows,
                delimiter,
                line_end,
                quote_properly,
                encoding,
                name,
            },
        )
}

impl CsvFile {
    fn text(&self) -> String {
        let mut out = String::new();
        let titles = self.titles.iter().map(|t| vec![t.clone()]);
        let lines = titles
            .chain(std::iter::once(self.header.clone()))
            .chain(self.rows.iter().cloned());
        for cells in lines {
            let fields: Vec<String> = cells.iter().map(|c| self.field(c)).collect();
            out.push_str(&fields.join(&self.delimiter.to_string()));
            out.push_str(self.line_end);
        }
        out
    }

    fn field(&self, cell: &str) -> String {
        let special = |c: char| c == self.delimiter || matches!(c, '"' | '\r' | '\n');
        if self.quote_properly && cell.contains(special) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_owned()
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let text = self.text();
        match self.encoding {
            0 => text.into_bytes(),
            1 => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
            2 => encoding_rs::GB18030.encode(&text).0.into_owned(),
            _ => {
                let mut b = vec![0xFF, 0xFE];
                b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                b
            }
        }
    }
}

/// Physical lines of `text` (`\r\n`, `\n` or a lone `\r` end a line).
fn physical_lines(text: &str) -> usize {
    let b = text.as_bytes();
    1 + b
        .iter()
        .enumerate()
        .filter(|(i, c)| **c == b'\n' || (**c == b'\r' && b.get(i + 1) != Some(&b'\n')))
        .count()
}

fn mapping() -> impl Strategy<Value = Mapping> {
    (
        prop::option::of(prop::sample::select(FileKind::ALL.to_vec())),
        prop::collection::vec(
            prop::option::of(prop::sample::select(Field::ALL.to_vec())),
            0..12,
        ),
        prop::collection::vec(
            prop::option::of(prop::sample::select(vec![
                DayMonthOrder::DayFirst,
                DayMonthOrder::MonthFirst,
            ])),
            0..12,
        ),
        prop::sample::select(vec!["CNY", "USD", "JPY", "KWD"]),
    )
        .prop_map(|(kind, columns, day_month_order, currency)| Mapping {
            kind,
            columns,
            day_month_order,
            default_currency: Currency::parse(currency).unwrap_or(Currency::CNY),
        })
}

/// 256 cases per property (about ten seconds in all, in a debug build); set
/// `HOSTILE_FUZZ_CASES` for a longer hunt.
fn fuzz_cases() -> u32 {
    std::env::var("HOSTILE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: fuzz_cases(),
        // Minimal failing inputs are printed; no regression file is written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        name in prop::sample::select(vec!["a.csv", "a.xlsx", "a.xls", "a.txt", "", "a.png"]),
    ) {
        let _ = run(&bytes, name);
    }

    #[test]
    fn arbitrary_bytes_behind_a_workbook_signature_never_panic(
        tail in prop::collection::vec(any::<u8>(), 0..2048),
        ole in any::<bool>(),
    ) {
        let magic: &[u8] = if ole { b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" } else { b"PK\x03\x04" };
        let _ = run(&[magic, &tail].concat(), "a.xlsx");
    }

    #[test]
    fn csv_like_files_keep_the_invariants(file in csv_file()) {
        let text = file.text();
        if let Ok(p) = run(&file.bytes(), file.name) {
            let lines = physical_lines(&text);
            for e in &p.errors {
                prop_assert!(e.line >= 1 && e.line <= lines, "{} of {} lines", e, lines);
                prop_assert!(e.line > p.header_line);
            }
            prop_assert!(p.header_line >= 1 && p.header_line <= lines);
        }
    }

    #[test]
    fn any_saved_or_edited_mapping_keeps_the_invariants(file in csv_file(), m in mapping()) {
        let bytes = file.bytes();
        let saved = |_: &str| Some(m.clone());
        if let Ok(p) = analyze(&bytes, file.name, None, &saved) {
            check_invariants(&p, "saved mapping");
        }
        if let Ok(p) = analyze(&bytes, file.name, None, &no_saved) {
            let p = p.remap(m.clone());
            check_invariants(&p, "edited mapping");
        }
    }
}
