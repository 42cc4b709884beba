//! From a dropped file's bytes to text (CSV) or a workbook format (XLSX/XLS).
//!
//! Chinese ERP exports are UTF-8 (often with a BOM), GBK/GB18030 (Excel's "CSV" on a
//! Chinese Windows) or UTF-16 with a BOM (Excel's "Unicode text"). Anything else, or a
//! picture/PDF dropped by mistake, is refused with a reason instead of shown as mojibake.

use encoding_rs::{DecoderResult, Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE};
use std::fmt;

/// What a non-text file looks like, judged by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryKind {
    Png,
    Jpeg,
    Gif,
    Pdf,
    /// A ZIP container: an `.xlsx`/`.docx` or a plain archive.
    Zip,
    /// An OLE compound file: a legacy `.xls`/`.doc`.
    Ole,
    Gzip,
    /// NUL bytes in what should be text.
    Other,
}

impl fmt::Display for BinaryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BinaryKind::Png => "a PNG image",
            BinaryKind::Jpeg => "a JPEG image",
            BinaryKind::Gif => "a GIF image",
            BinaryKind::Pdf => "a PDF document",
            BinaryKind::Zip => "a ZIP container (an .xlsx workbook or an archive)",
            BinaryKind::Ole => "a legacy Office file (.xls/.doc)",
            BinaryKind::Gzip => "a gzip archive",
            BinaryKind::Other => "binary data",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or only a BOM and whitespace.
    Empty,
    Binary {
        kind: BinaryKind,
    },
    /// Not valid in any encoding tried; `encoding` is the last one tried, `line` is the
    /// 1-based line and `byte_offset` the 0-based offset of the first bad byte.
    Undecodable {
        encoding: &'static str,
        line: usize,
        byte_offset: usize,
    },
    /// Larger than this platform can address when decoded.
    TooLarge,
    /// Lines in two encodings: `utf8_line` is UTF-8 Chinese text, `other_line` is not UTF-8
    /// (usually GBK): two exports pasted into one file. Decoding it either way would turn
    /// one part into mojibake, so neither is guessed.
    MixedEncodings {
        utf8_line: usize,
        other_line: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the file is empty"),
            DecodeError::Binary { kind } => write!(f, "not a text file: it looks like {kind}"),
            DecodeError::Undecodable {
                encoding,
                line,
                byte_offset,
            } if *encoding == GB18030_NAME => write!(
                f,
                "not readable text: neither UTF-8 nor GBK/GB18030 (bad byte on line {line}, \
                 offset {byte_offset}, as {encoding})"
            ),
            DecodeError::Undecodable {
                encoding,
                line,
                byte_offset,
            } => write!(
                f,
                "not readable text: the file's byte-order mark says {encoding}, but line \
                 {line} is not valid {encoding} (bad byte at offset {byte_offset})"
            ),
            DecodeError::TooLarge => f.write_str("the file is too large to decode"),
            DecodeError::MixedEncodings {
                utf8_line,
                other_line,
            } => write!(
                f,
                "mixed text encodings: line {utf8_line} is UTF-8 but line {other_line} is not \
                 (GBK?); save the whole file again in one encoding"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Encoding names returned by [`decode_text`].
pub const UTF8: &str = "UTF-8";
pub const UTF16LE: &str = "UTF-16LE";
pub const UTF16BE: &str = "UTF-16BE";
pub const GB18030_NAME: &str = "GB18030";
pub const BIG5_NAME: &str = "Big5";

/// Decodes a text file: BOM first (UTF-8, UTF-16LE/BE), then strict UTF-8, then Big5 when
/// the bytes have its signature ([`looks_like_big5`]), else GB18030 (a superset of GBK and
/// GB2312). Never substitutes replacement characters: bytes that
/// no candidate decodes are an error, and so is a file that is UTF-8 Chinese in some lines
/// and not UTF-8 in others ([`DecodeError::MixedEncodings`]). The BOM is not part of the
/// returned text.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = binary_magic(bytes) {
        return Err(DecodeError::Binary { kind });
    }
    let (text, name) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8(rest)?, UTF8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (decode_strict(UTF_16LE, UTF16LE, rest)?, UTF16LE)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (decode_strict(UTF_16BE, UTF16BE, rest)?, UTF16BE)
    } else if bytes.contains(&0) {
        return Err(DecodeError::Binary {
            kind: BinaryKind::Other,
        });
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_owned(), UTF8)
    } else if let Some(mixed) = mixed_encodings(bytes) {
        return Err(mixed);
    } else if let Some(text) = looks_like_big5(bytes)
        .then(|| decode_strict(BIG5, BIG5_NAME, bytes).ok())
        .flatten()
    {
        (text, BIG5_NAME)
    } else {
        (decode_strict(GB18030, GB18030_NAME, bytes)?, GB18030_NAME)
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((text, name))
}

/// Whether double-byte text is Big5 (Taiwan and Hong Kong exports, Digiwin 鼎新 among them)
/// rather than GBK. Big5 bytes are nearly all valid GBK too, so decoding cannot tell; the
/// second bytes can. Every GB2312 character has a second byte of 0xA1 or more, and GBK text
/// reaches below it only for rare characters; Big5 puts about two fifths of its common
/// characters there (0x40-0x7E): a quarter or more is Big5. It has no first byte below 0xA1,
/// and its 5 401 frequent characters all start with 0xA4-0xC6, where a random run of rare
/// GBK characters starts only a third of the time.
fn looks_like_big5(bytes: &[u8]) -> bool {
    let (mut pairs, mut low_second, mut frequent) = (0usize, 0usize, 0usize);
    let mut i = 0;
    // The head of the file is evidence enough; a 10 MB GBK export is not scanned twice.
    while i < bytes.len().min(BIG5_SAMPLE_BYTES) {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        if !(0xA1..=0xF9).contains(&lead) {
            return false;
        }
        let Some(&second) = bytes.get(i + 1) else {
            return false;
        };
        pairs += 1;
        low_second += usize::from((0x40..=0x7E).contains(&second));
        frequent += usize::from((0xA4..=0xC6).contains(&lead));
        i += 2;
    }
    pairs >= BIG5_EVIDENCE_PAIRS && low_second * 4 >= pairs && frequent * 5 >= pairs * 4
}

/// Double-byte characters needed before a file is read as Big5 (a header's worth).
const BIG5_EVIDENCE_PAIRS: usize = 8;
/// How much of a file [`looks_like_big5`] reads.
const BIG5_SAMPLE_BYTES: usize = 64 * 1024;

/// CJK ideographs a line must hold, valid as UTF-8, to count as UTF-8 Chinese. GBK text
/// is valid UTF-8 only by accident, and then almost never with more than a couple of
/// ideographs: with four, a GBK file is not mistaken for a mixed one.
const UTF8_EVIDENCE_IDEOGRAPHS: usize = 4;

/// For a file that is not valid UTF-8: the first line that is UTF-8 Chinese and the first
/// line that is not UTF-8, when it has both. Lines are counted by `\n`, as in
/// [`DecodeError::Undecodable`].
fn mixed_encodings(bytes: &[u8]) -> Option<DecodeError> {
    let (mut utf8_line, mut other_line) = (None, None);
    for (index, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        match std::str::from_utf8(line) {
            Ok(text) => {
                let ideographs = text
                    .chars()
                    .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                    .count();
                if ideographs >= UTF8_EVIDENCE_IDEOGRAPHS {
                    utf8_line.get_or_insert(index + 1);
                }
            }
            Err(_) => {
                other_line.get_or_insert(index + 1);
            }
        }
        if let (Some(utf8_line), Some(other_line)) = (utf8_line, other_line) {
            return Some(DecodeError::MixedEncodings {
                utf8_line,
                other_line,
            });
        }
    }
    None
}

fn utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    std::str::from_utf8(bytes).map(str::to_owned).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        DecodeError::Undecodable {
            encoding: UTF8,
            line: 1 + good.iter().filter(|b| **b == b'\n').count(),
            byte_offset: e.valid_up_to(),
        }
    })
}

/// Decodes all of `bytes` or reports where the first malformed sequence is.
fn decode_strict(
    encoding: &'static Encoding,
    name: &'static str,
    bytes: &[u8],
) -> Result<String, DecodeError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or(DecodeError::TooLarge)?;
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, extra) => Err(DecodeError::Undecodable {
            encoding: name,
            line: 1 + out.bytes().filter(|b| *b == b'\n').count(),
            byte_offset: read.saturating_sub(usize::from(bad) + usize::from(extra)),
        }),
        // Cannot happen with the capacity reserved above; still an error, not a panic.
        DecoderResult::OutputFull => Err(DecodeError::TooLarge),
    }
}

fn binary_magic(bytes: &[u8]) -> Option<BinaryKind> {
    const MAGIC: &[(&[u8], BinaryKind)] = &[
        (b"\x89PNG", BinaryKind::Png),
        (b"\xFF\xD8\xFF", BinaryKind::Jpeg),
        (b"GIF8", BinaryKind::Gif),
        (b"%PDF", BinaryKind::Pdf),
        (b"PK\x03\x04", BinaryKind::Zip),
        (b"PK\x05\x06", BinaryKind::Zip),
        (b"\xD0\xCF\x11\xE0", BinaryKind::Ole),
        (b"\x1F\x8B", BinaryKind::Gzip),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, k)| *k)
}

/// How to read a dropped file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Delimited text (CSV, TSV, semicolon or pipe separated).
    Csv,
    /// Office Open XML workbook (also `.xlsm`).
    Xlsx,
    /// Legacy binary workbook.
    Xls,
    Unknown,
}

/// Decides the reader by the bytes first, then by the file name. A file named `.xls` or
/// `.xlsx` whose bytes are not a workbook is treated as delimited text: several Chinese
/// ERPs save tab-separated text under an `.xls` name. An HTML "spreadsheet" or another
/// binary file (image, PDF) is `Unknown`.
pub fn sniff_format(bytes: &[u8], file_name: &str) -> FileFormat {
    match binary_magic(bytes) {
        Some(BinaryKind::Zip) => return FileFormat::Xlsx,
        Some(BinaryKind::Ole) => return FileFormat::Xls,
        Some(_) => return FileFormat::Unknown,
        None => {}
    }
    if looks_like_html(bytes) {
        return FileFormat::Unknown;
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" | "txt" | "tab" | "xls" | "xlsx" | "xlsm" => FileFormat::Csv,
        _ => FileFormat::Unknown,
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head: Vec<u8> = start
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    [&b"<!doctype html"[..], b"<html", b"<table", b"<?xml"]
        .iter()
        .any(|tag| head.starts_with(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big5_is_told_from_gbk_by_its_second_bytes() {
        let text =
            "客戶編號,客戶名稱,單據編號,幣別,價稅合計\n0001,華東機電有限公司,AR-1,新台幣,1000.00\n";
        let (big5, _, _) = BIG5.encode(text);
        assert_eq!(decode_text(&big5), Ok((text.to_owned(), BIG5_NAME)));
        // GBK with traditional names (HK and Taiwan customers) stays GBK: its simplified
        // header keeps the share of low second bytes small, and 灣 starts below 0xA1.
        let text = "客户编码,客户名称\n0001,香港貿易有限公司\n0002,臺灣精密機械股份有限公司\n0003,華東機電\n";
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(decode_text(&gbk), Ok((text.to_owned(), GB18030_NAME)));
        // Plain simplified GBK has no second byte below 0xA1 at all.
        let text =
            "客户编码,客户名称,单据编号,币别,价税合计\n0001,华东机电有限公司,AR-1,人民币,1000.00\n";
        let (gbk, _, _) = GB18030.encode(text);
        assert_eq!(decode_text(&gbk), Ok((text.to_owned(), GB18030_NAME)));
        // Too little text to tell: GBK, the mainland default.
        let (short, _, _) = BIG5.encode("幣別\n");
        assert_eq!(decode_text(&short).map(|(_, e)| e), Ok(GB18030_NAME));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode_text("客户,金额\n".as_bytes()),
            Ok(("客户,金额\n".into(), UTF8))
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), "客户".as_bytes()].concat();
        assert_eq!(decode_text(&bom), Ok(("客户".into(), UTF8)));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("客户\tA\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&le), Ok(("客户\tA\r\n".into(), UTF16LE)));
        let mut be = vec![0xFE, 0xFF];
        be.extend("金额".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_text(&be), Ok(("金额".into(), UTF16BE)));
        // An unpaired surrogate is malformed, not replaced.
        let bad = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8];
        assert!(matches!(
            decode_text(&bad),
            Err(DecodeError::Undecodable {
                encoding: UTF16LE,
                ..
            })
        ));
    }

    #[test]
    fn gbk_falls_back_to_gb18030() {
        let (gbk, _, _) = GB18030.encode("客户名称,应收金额\n上海甲公司,1000\n");
        assert_eq!(
            decode_text(&gbk),
            Ok(("客户名称,应收金额\n上海甲公司,1000\n".into(), GB18030_NAME))
        );
    }

    #[test]
    fn undecodable_bytes_name_the_line() {
        // 0x80 alone and 0xFF are invalid in both UTF-8 and GB18030.
        let err = decode_text(b"a,b\nc,d\nx\xFF\xFFy\n");
        assert_eq!(
            err,
            Err(DecodeError::Undecodable {
                encoding: GB18030_NAME,
                line: 3,
                byte_offset: 9
            })
        );
        let msg = err.map(|_| ()).unwrap_err().to_string();
        assert!(msg.contains("line 3"), "{msg}");
        let bom_then_bad = b"\xEF\xBB\xBFok\n\xC3";
        assert_eq!(
            decode_text(bom_then_bad),
            Err(DecodeError::Undecodable {
                encoding: UTF8,
                line: 2,
                byte_offset: 3
            })
        );
    }

    #[test]
    fn mixed_utf8_and_gbk_lines_are_refused() {
        let (gbk, _, _) = GB18030.encode("深圳精密科技有限公司,AR-2\n");
        let utf8_first = [
            "Customer,Invoice No\n华东机电有限公司,AR-1\n".as_bytes(),
            &gbk,
        ]
        .concat();
        assert_eq!(
            decode_text(&utf8_first),
            Err(DecodeError::MixedEncodings {
                utf8_line: 2,
                other_line: 3
            })
        );
        let gbk_first = [&gbk[..], "华东机电有限公司,AR-1\n".as_bytes()].concat();
        let err = decode_text(&gbk_first);
        assert_eq!(
            err,
            Err(DecodeError::MixedEncodings {
                utf8_line: 2,
                other_line: 1
            })
        );
        let msg = err.map(|_| ()).unwrap_err().to_string();
        assert!(msg.contains("line 2") && msg.contains("line 1"), "{msg}");
        // Short UTF-8 text (fewer ideographs than the evidence threshold) is not proof.
        let short = [&gbk[..], "张三,AR-1\n".as_bytes()].concat();
        assert!(matches!(
            decode_text(&short),
            Ok((_, GB18030_NAME)) | Err(DecodeError::Undecodable { .. })
        ));
    }

    #[test]
    fn binary_and_empty() {
        let kind = |b: &[u8]| match decode_text(b) {
            Err(DecodeError::Binary { kind }) => Some(kind),
            _ => None,
        };
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n...."), Some(BinaryKind::Png));
        assert_eq!(kind(b"PK\x03\x04rest"), Some(BinaryKind::Zip));
        assert_eq!(kind(b"%PDF-1.7"), Some(BinaryKind::Pdf));
        assert_eq!(kind(b"GIF89a"), Some(BinaryKind::Gif));
        assert_eq!(kind(b"\xFF\xD8\xFF\xE0"), Some(BinaryKind::Jpeg));
        assert_eq!(kind(b"a,b\0c"), Some(BinaryKind::Other));
        assert_eq!(decode_text(b""), Err(DecodeError::Empty));
        assert_eq!(decode_text(b"\xEF\xBB\xBF"), Err(DecodeError::Empty));
        assert_eq!(decode_text(b" \r\n\t"), Err(DecodeError::Empty));
        assert_eq!(decode_text(b"\xFF\xFE"), Err(DecodeError::Empty));
    }

    #[test]
    fn sniffs_by_magic_then_name() {
        assert_eq!(sniff_format(b"PK\x03\x04..", "ar.csv"), FileFormat::Xlsx);
        assert_eq!(
            sniff_format(b"\xD0\xCF\x11\xE0..", "ar.xlsx"),
            FileFormat::Xls
        );
        assert_eq!(sniff_format(b"a,b", "AR.CSV"), FileFormat::Csv);
        assert_eq!(sniff_format(b"a\tb", "export.xls"), FileFormat::Csv);
        assert_eq!(sniff_format(b"a\tb", "data.tsv"), FileFormat::Csv);
        assert_eq!(
            sniff_format(b"\n <HTML><table>", "export.xls"),
            FileFormat::Unknown
        );
        assert_eq!(sniff_format(b"\x89PNG", "x.csv"), FileFormat::Unknown);
        assert_eq!(sniff_format(b"a,b", "notes.docx"), FileFormat::Unknown);
        assert_eq!(sniff_format(b"a,b", "noextension"), FileFormat::Unknown);
        assert_eq!(sniff_format(b"", ""), FileFormat::Unknown);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..512), name in ".{0,12}") {
                let _ = decode_text(&bytes);
                let _ = sniff_format(&bytes, &name);
            }

            #[test]
            fn utf8_text_round_trips(text in "[^\u{0}]{1,64}") {
                prop_assume!(!text.trim().is_empty() && binary_magic(text.as_bytes()).is_none());
                prop_assume!(!text.starts_with('\u{FEFF}'));
                prop_assert_eq!(decode_text(text.as_bytes()), Ok((text.clone(), UTF8)));
            }

            /// Text as mainland exports hold it: GB2312 characters (first byte 0xB0-0xF7,
            /// second 0xA1-0xFE) among ASCII.
            #[test]
            fn gbk_text_round_trips(
                head in "[a-z0-9,\n]{0,8}",
                chars in prop::collection::vec((0xB0u8..=0xF7, 0xA1u8..=0xFE, "[a-z0-9,\n]{0,2}"), 1..40),
            ) {
                let mut bytes = head.into_bytes();
                for (lead, second, ascii) in chars {
                    bytes.extend([lead, second]);
                    bytes.extend(ascii.bytes());
                }
                let (text, had_errors) = GB18030.decode_without_bom_handling(&bytes);
                prop_assume!(!had_errors && !text.trim().is_empty());
                prop_assume!(std::str::from_utf8(&bytes).is_err());
                prop_assert_eq!(decode_text(&bytes), Ok((text.into_owned(), GB18030_NAME)));
            }

            /// Any hanzi at all, rare ones included: always readable. A run of rare characters
            /// with the marks of Big5 may be read as Big5; everything else is GBK, exactly.
            #[test]
            fn any_gbk_text_decodes(text in "[a-z0-9,\n]{0,8}[\u{4E00}-\u{9FA5}]{1,8}[a-z0-9,\n\u{4E00}-\u{9FA5}]{0,48}") {
                let (bytes, _, unmappable) = GB18030.encode(&text);
                prop_assume!(!unmappable && !text.trim().is_empty());
                prop_assume!(std::str::from_utf8(&bytes).is_err());
                let (decoded, encoding) = decode_text(&bytes).expect("valid GBK decodes");
                if encoding == GB18030_NAME {
                    prop_assert_eq!(decoded, text);
                } else {
                    prop_assert_eq!(encoding, BIG5_NAME);
                    prop_assert!(looks_like_big5(&bytes));
                }
            }
        }
    }
}
