//! A minimal valid XLSX workbook (Office Open XML) of one sheet: the header row bold and
//! frozen, text as inline strings, numbers as numeric cells. No shared-string table, no
//! formulas, nothing else. The ZIP container is written here (a few headers, CRC-32 from
//! `crc32fast`, deflate from `flate2`, both already linked for reading XLSX imports): the
//! `zip` crate's writer would also link its zopfli compressor and add about half a megabyte
//! to the page.

use super::table::{Cell, Table};
use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// Two cell formats: 0 the default, 1 bold (the header row).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>"#;

/// The workbook's bytes. `sheet` is the tab's name (cut to Excel's 31 characters, without
/// the characters Excel forbids in it).
pub fn workbook(sheet: &str, table: &Table) -> Vec<u8> {
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("xl/workbook.xml", workbook_xml(&sheet_name(sheet))),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_owned()),
        ("xl/styles.xml", STYLES.to_owned()),
        ("xl/worksheets/sheet1.xml", sheet_xml(table)),
    ];
    let mut zip = ZipOut::default();
    for (name, body) in parts {
        zip.add(name, body.as_bytes());
    }
    zip.finish()
}

/// A ZIP archive of deflated entries (no ZIP64: an export stays far below 4 GiB).
#[derive(Default)]
struct ZipOut {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 1980-01-01 00:00 in MS-DOS format (time, date): exports carry no clock.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

impl ZipOut {
    fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32fast::hash(data);
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        // Writing into a Vec cannot fail.
        let deflated = enc
            .write_all(data)
            .and_then(|()| enc.finish())
            .unwrap_or_default();
        let size = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let offset = size(self.out.len());
        let fields = |v: &mut Vec<u8>| {
            for x in [20u16, 0x0800, 8, DOS_TIME, DOS_DATE] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            for x in [crc, size(deflated.len()), size(data.len())] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&0u16.to_le_bytes());
        };
        // Local header: signature, version needed, flags (UTF-8 names), deflate, …
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        fields(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&deflated);
        // Central directory record: signature, version made by, the same fields, then no
        // comment, disk 0, no attributes, and where the local header is.
        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central.extend_from_slice(&20u16.to_le_bytes());
        fields(&mut self.central);
        for x in [0u16, 0, 0] {
            self.central.extend_from_slice(&x.to_le_bytes());
        }
        self.central.extend_from_slice(&0u32.to_le_bytes());
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let at = u32::try_from(self.out.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(self.central.len()).unwrap_or(u32::MAX);
        self.out.append(&mut self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for x in [0u16, 0, self.entries, self.entries] {
            self.out.extend_from_slice(&x.to_le_bytes());
        }
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(&at.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

fn sheet_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if cleaned.trim().is_empty() {
        "Sheet1".to_owned()
    } else {
        cleaned
    }
}

fn workbook_xml(sheet: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        escape(sheet)
    )
}

fn sheet_xml(table: &Table) -> String {
    let mut out = String::with_capacity(64 + table.rows.len() * table.header.len() * 40);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push_str("\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>");
    let header = table.header.iter().map(|h| Cell::Text(h.clone()));
    write_row(&mut out, 1, header, true);
    for (i, row) in table.rows.iter().enumerate() {
        write_row(&mut out, i + 2, row.iter().cloned(), false);
    }
    out.push_str("</sheetData></worksheet>");
    out
}

fn write_row(out: &mut String, r: usize, cells: impl Iterator<Item = Cell>, bold: bool) {
    out.push_str(&format!("<row r=\"{r}\">"));
    let style = if bold { " s=\"1\"" } else { "" };
    for (c, cell) in cells.enumerate() {
        let at = format!("{}{r}", column_name(c));
        match cell {
            Cell::Number(n) if is_number(&n) => {
                out.push_str(&format!("<c r=\"{at}\"{style}><v>{n}</v></c>"));
            }
            // Inline strings are never evaluated as formulas, so the text stays exactly as
            // it is (the CSV's apostrophe before `= + - @` is not needed here).
            Cell::Number(text) | Cell::Text(text) => out.push_str(&format!(
                "<c r=\"{at}\" t=\"inlineStr\"{style}><is><t xml:space=\"preserve\">{}</t></is></c>",
                escape(&text)
            )),
        }
    }
    out.push_str("</row>");
}

/// `A`, …, `Z`, `AA`, … for column index `c` (0-based).
fn column_name(c: usize) -> String {
    let mut n = c + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A decimal Excel reads as a number: optional `-`, digits, optional `.digits`.
fn is_number(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = body.split_once('.').unwrap_or((body, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// XML text: the five entities escaped, characters XML 1.0 cannot hold dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    fn read_back(bytes: Vec<u8>) -> (Vec<String>, Vec<Vec<Data>>) {
        let mut book = Xlsx::new(Cursor::new(bytes)).expect("a valid workbook");
        let names = book.sheet_names();
        let range = book
            .worksheet_range(&names[0])
            .expect("the first sheet reads");
        (names, range.rows().map(<[Data]>::to_vec).collect())
    }

    #[test]
    fn a_workbook_reads_back_with_text_and_numbers() {
        let table = Table::new(
            &["单据编号 Invoice No", "金额 Amount", "逾期天数 Days"],
            vec![
                vec![
                    Cell::text("AR2026-0001"),
                    Cell::Number("1234.56".into()),
                    Cell::int(30),
                ],
                vec![
                    Cell::text("=HYPERLINK(\"http://evil\",\"点我\") <&>"),
                    Cell::Number("-0.50".into()),
                    Cell::text("华东精密机械有限公司"),
                ],
            ],
        );
        let bytes = table.to_xlsx("应收台账 Ledger");
        assert!(bytes.starts_with(b"PK"));
        let (names, rows) = read_back(bytes);
        assert_eq!(names, vec!["应收台账 Ledger".to_owned()]);
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0][0],
            Data::String("单据编号 Invoice No".into()),
            "Chinese text survives"
        );
        assert_eq!(rows[1][0], Data::String("AR2026-0001".into()));
        assert_eq!(rows[1][1], Data::Float(1234.56), "an amount is a number");
        assert_eq!(rows[1][2], Data::Float(30.0));
        assert_eq!(
            rows[2][0],
            Data::String("=HYPERLINK(\"http://evil\",\"点我\") <&>".into()),
            "text is kept exactly: an inline string is never a formula"
        );
        assert_eq!(rows[2][1], Data::Float(-0.5));
        assert_eq!(rows[2][2], Data::String("华东精密机械有限公司".into()));
    }

    #[test]
    fn columns_past_z_and_odd_sheet_names() {
        assert_eq!(
            [0, 25, 26, 27, 51, 52, 701, 702].map(column_name),
            ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]
        );
        assert_eq!(sheet_name("a/b[c]:d*e?f\\"), "abcdef");
        assert_eq!(sheet_name("  "), "Sheet1");
        assert_eq!(sheet_name(&"长".repeat(40)).chars().count(), 31);
        let wide = Table::new(&["h"], vec![(0..30).map(Cell::int).collect::<Vec<_>>()]);
        let (_, rows) = read_back(wide.to_xlsx("x"));
        assert_eq!(rows[1][29], Data::Float(29.0));
    }

    #[test]
    fn control_characters_are_dropped_and_non_numbers_stay_text() {
        let table = Table::new(
            &["a"],
            vec![vec![
                Cell::text("x\u{1}y\tz"),
                Cell::Number("12e3".into()),
                Cell::Number("".into()),
            ]],
        );
        let (_, rows) = read_back(table.to_xlsx("s"));
        assert_eq!(rows[1][0], Data::String("xy\tz".into()));
        assert_eq!(rows[1][1], Data::String("12e3".into()));
        assert!(matches!(rows[1][2], Data::String(_) | Data::Empty));
    }
}
