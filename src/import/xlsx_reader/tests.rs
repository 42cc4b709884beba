use super::*;

const KINGDEE: &[u8] = include_bytes!("../../../tests/fixtures/import/readers/kingdee_ar.xlsx");
const TRUNCATED: &[u8] =
    include_bytes!("../../../tests/fixtures/import/readers/kingdee_ar_truncated.xlsx");
const LEGACY_XLS: &[u8] = include_bytes!("../../../tests/fixtures/import/readers/legacy.xls");

fn row(t: &Table, line: usize) -> Vec<&str> {
    t.rows
        .iter()
        .find(|r| r.line == line)
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn lists_worksheets_in_tab_order() {
    assert_eq!(
        sheet_names(KINGDEE),
        Ok(vec!["应收明细".to_owned(), "说明".to_owned()])
    );
    assert_eq!(sheet_names(LEGACY_XLS), Ok(vec!["Sheet1".to_owned()]));
}

#[test]
fn reads_a_kingdee_style_sheet() {
    let t = read_sheet(KINGDEE, "应收明细").expect("reads");
    assert_eq!(t.name, "应收明细");
    let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
    assert_eq!(
        lines,
        vec![1, 2, 4, 5, 6, 7, 8, 9, 10],
        "row 3 is blank and skipped"
    );
    assert_eq!(row(&t, 1), vec!["应收账款明细表"]);
    assert_eq!(row(&t, 2), vec!["截止日期：2026-03-31"]);
    assert_eq!(
        row(&t, 4),
        vec![
            "客户编码",
            "客户名称",
            "发票号",
            "发票日期",
            "到期日",
            "金额",
            "争议"
        ]
    );
    assert_eq!(
        row(&t, 5),
        vec![
            "0000611365",
            "上海甲贸易有限公司",
            "1930571429",
            "2026-01-05",
            "2026-02-04 13:45:00",
            "1234.5",
            "FALSE"
        ]
    );
    assert_eq!(
        row(&t, 6),
        vec![
            "0000611366",
            "北京乙科技有限公司",
            "INV-0002",
            "2026-02-28",
            "2026-03-30",
            "1000",
            "TRUE"
        ]
    );
    assert_eq!(
        row(&t, 7),
        vec![
            "0000611367",
            "深圳丙电子",
            "INV-0003",
            "2026-03-01",
            "2026-03-31",
            "-56.78"
        ]
    );
    assert_eq!(row(&t, 8), vec!["", "合计", "", "", "", "2177.72"]);
    assert_eq!(row(&t, 10), vec!["", "", "0.1"]);
}

#[test]
fn keeps_sheet_columns_in_place() {
    let t = read_sheet(KINGDEE, "说明").expect("reads");
    assert_eq!(t.rows.len(), 1);
    assert_eq!(t.rows[0].line, 3);
    assert_eq!(t.rows[0].cells, vec!["", "", "本表由金蝶导出", "", "42"]);
}

#[test]
fn reads_legacy_xls() {
    let t = read_sheet(LEGACY_XLS, "Sheet1").expect("reads");
    assert_eq!(
        t.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        vec![1, 3]
    );
    assert_eq!(row(&t, 1), vec!["Customer", "Invoice", "Date", "Amount"]);
    assert_eq!(row(&t, 3), vec!["ACME", "0012", "2026-01-05", "99.5"]);
}

#[test]
fn damaged_and_foreign_files_are_errors() {
    assert!(matches!(
        sheet_names(TRUNCATED),
        Err(XlsxError::Damaged { .. })
    ));
    assert!(matches!(
        read_sheet(TRUNCATED, "应收明细"),
        Err(XlsxError::Damaged { .. })
    ));
    assert_eq!(sheet_names(b"a,b\n1,2\n"), Err(XlsxError::NotAWorkbook));
    assert_eq!(sheet_names(b""), Err(XlsxError::NotAWorkbook));
    assert!(matches!(
        sheet_names(b"PK\x03\x04garbage"),
        Err(XlsxError::Damaged { .. })
    ));
    assert!(matches!(
        sheet_names(b"\xD0\xCF\x11\xE0garbage"),
        Err(XlsxError::Damaged { .. })
    ));
    assert_eq!(
        read_sheet(KINGDEE, "Sheet9"),
        Err(XlsxError::SheetNotFound {
            name: "Sheet9".into()
        })
    );
    let msg = XlsxError::Damaged { detail: "x".into() }.to_string();
    assert!(msg.contains("damaged"), "{msg}");
}

#[test]
fn every_prefix_and_bit_flip_fails_cleanly() {
    // Truncation anywhere and single-byte damage must give an error or a table, never panic.
    for len in (0..KINGDEE.len()).step_by(97) {
        let _ = sheet_names(&KINGDEE[..len]);
        let _ = read_sheet(&KINGDEE[..len], "应收明细");
    }
    for i in (0..KINGDEE.len()).step_by(53) {
        let mut damaged = KINGDEE.to_vec();
        damaged[i] ^= 0x5A;
        let _ = read_sheet(&damaged, "应收明细");
    }
    for len in (0..LEGACY_XLS.len()).step_by(61) {
        let _ = read_sheet(&LEGACY_XLS[..len], "Sheet1");
    }
}

#[test]
fn row_builder_orders_and_limits() {
    let mut b = RowBuilder::default();
    b.set(4, 1, "b5".into()).expect("ok");
    b.set(1, 0, "a2".into()).expect("ok");
    b.set(4, 0, "a5".into()).expect("ok");
    b.set(2, 2, "c3".into()).expect("ok");
    b.set(4, 1, "b5 again".into()).expect("ok");
    assert_eq!(
        b.set(0, 16_383, "far".into()),
        Err(XlsxError::TooManyColumns {
            line: 1,
            limit: MAX_COLUMNS
        })
    );
    let got: Vec<(usize, Vec<String>)> = b
        .into_rows()
        .into_iter()
        .map(|r| (r.line, r.cells))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, vec!["a2".into()]),
            (3, vec!["".into(), "".into(), "c3".into()]),
            (5, vec!["a5".into(), "b5 again".into()]),
        ]
    );
}

/// A sheet written bottom-up (legal XML, if no real writer does it) used to insert every
/// row at the front of the list: quadratic, minutes for a million rows.
#[test]
fn row_builder_takes_a_bottom_up_sheet_in_n_log_n() {
    let mut b = RowBuilder::default();
    let rows: u32 = 200_000;
    for row in (0..rows).rev() {
        b.set(row, 1, format!("b{row}")).expect("ok");
        b.set(row, 0, format!("a{row}")).expect("ok");
    }
    let got = b.into_rows();
    assert_eq!(got.len(), rows as usize);
    assert!(got.windows(2).all(|w| w[0].line < w[1].line));
    assert_eq!(got[0].line, 1);
    assert_eq!(got[0].cells, vec!["a0".to_string(), "b0".to_string()]);
}

/// Found by the fuzzing below: one byte set to `value` makes a range in a sheet record run
/// backwards (DIMENSIONS' last row before its first; a MULRK's last column before its
/// first), which overflows inside calamine. Each is refused as damaged, never a crash.
#[test]
fn sheet_records_whose_ranges_run_backwards_are_refused_not_a_crash() {
    for (seed, value) in [
        (10_842_015_720_120_134_784u64, 3u8),
        (3_304_094_827_061_734_336, 4),
    ] {
        let mut bytes = LEGACY_XLS.to_vec();
        let at = (seed % bytes.len() as u64) as usize;
        bytes[at] = value;
        assert!(
            matches!(sheet_names(&bytes), Err(XlsxError::Damaged { .. })),
            "byte {at} = {value}"
        );
        assert!(read_sheet(&bytes, "Sheet1").is_err());
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod damage {
    use super::*;
    use proptest::prelude::*;

    fn damaged(original: &[u8], edits: &[(usize, u8)], cut: usize) -> Vec<u8> {
        let mut bytes = original.to_vec();
        for (at, value) in edits {
            let i = at % bytes.len();
            bytes[i] = *value;
        }
        bytes.truncate(bytes.len() - cut % bytes.len());
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn damaged_xls_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in 0usize..64) {
            let bytes = damaged(LEGACY_XLS, &edits, cut);
            let _ = sheet_names(&bytes);
            let _ = read_sheet(&bytes, "Sheet1");
        }

        #[test]
        fn damaged_xlsx_never_panics(edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8), cut in 0usize..64) {
            let bytes = damaged(KINGDEE, &edits, cut);
            let _ = sheet_names(&bytes);
            let _ = read_sheet(&bytes, "应收明细");
        }

        #[test]
        fn arbitrary_bytes_after_magic_never_panic(tail in prop::collection::vec(any::<u8>(), 0..4096), ole in any::<bool>()) {
            let magic: &[u8] = if ole { b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" } else { b"PK\x03\x04" };
            let bytes = [magic, &tail].concat();
            let _ = sheet_names(&bytes);
            let _ = read_sheet(&bytes, "Sheet1");
        }
    }
}
