//! Catalogue entries for the import screen: field and file-kind names, and the reasons a row
//! or a file is refused, in both languages.

use super::i18n::Lang;
use crate::import::cells::CellError;
use crate::import::csv_reader::CsvError;
use crate::import::decode::{BinaryKind, DecodeError, GB18030_NAME};
use crate::import::header_detect::MAX_HEADER_SCAN;
use crate::import::mapping::FileKind;
use crate::import::pipeline::ImportError;
use crate::import::records::RowProblem;
use crate::import::synonyms::Field;
use crate::import::xlsx_reader::XlsxError;

pub fn field_name(field: Field, lang: Lang) -> &'static str {
    let (zh, en) = match field {
        Field::CustomerCode => ("客户编码", "Customer code"),
        Field::CustomerName => ("客户名称", "Customer name"),
        Field::InvoiceNo => ("单据编号", "Invoice no."),
        Field::OrderNo => ("订单号", "Order no."),
        Field::ShipmentNo => ("发货单号", "Shipment no."),
        Field::PaymentNo => ("收款单号", "Receipt no."),
        Field::DocDate => ("业务日期", "Document date"),
        Field::DueDate => ("到期日", "Due date"),
        Field::Amount => ("金额", "Amount"),
        Field::PaidAmount => ("已收金额", "Paid amount"),
        Field::ReceiptAmount => ("收款金额", "Receipt amount"),
        Field::Outstanding => ("未收金额", "Outstanding"),
        Field::Salesperson => ("业务员", "Salesperson"),
        Field::Currency => ("币别", "Currency"),
        Field::Terms => ("付款条件", "Terms"),
        Field::SettledDate => ("结清日期", "Settled date"),
        Field::Disputed => ("争议", "Disputed"),
        Field::ProductLine => ("产品线", "Product line"),
        Field::Region => ("区域", "Region"),
        Field::ShipmentDate => ("发货日期", "Shipment date"),
        Field::CreditLimit => ("信用额度", "Credit limit"),
        Field::CreditGrade => ("信用等级", "Credit grade"),
        Field::Tags => ("行业/标签", "Industry / tags"),
        Field::ContactName => ("联系人", "Contact"),
        Field::ContactEmail => ("邮箱", "Email"),
        Field::ContactMobile => ("手机", "Mobile"),
        Field::AppliedInvoice => ("核销单号", "Applied invoice"),
        Field::DocType => ("单据类型", "Document type"),
        Field::PersonName => ("姓名", "Name"),
        Field::Role => ("角色", "Role"),
        Field::Manager => ("上级", "Manager"),
        Field::DingTalk => ("钉钉", "DingTalk"),
        Field::WeCom => ("企业微信", "WeCom"),
        Field::Feishu => ("飞书", "Feishu"),
    };
    pick(lang, zh, en)
}

pub fn kind_name(kind: FileKind, lang: Lang) -> &'static str {
    let (zh, en) = match kind {
        FileKind::Invoices => ("应收单 / 未收款明细", "Invoices / open items"),
        FileKind::Payments => ("收款单", "Receipts"),
        FileKind::Customers => ("客户资料", "Customers"),
        FileKind::Orders => ("销售订单", "Sales orders"),
        FileKind::Shipments => ("发货单", "Shipments"),
        FileKind::Staff => ("员工通讯录", "Staff directory"),
    };
    pick(lang, zh, en)
}

pub(crate) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn cell_error(e: &CellError, lang: Lang) -> String {
    match (e, lang) {
        (CellError::Empty, Lang::Zh) => "单元格为空".into(),
        (CellError::BadDate, Lang::Zh) => "不是有效日期".into(),
        (CellError::AmbiguousDate, Lang::Zh) => "日期无法确定日/月顺序".into(),
        (CellError::DateOutOfRange { year }, Lang::Zh) => format!("年份 {year} 超出允许范围"),
        (CellError::BadAmount, Lang::Zh) => "不是有效金额（或小数位过多）".into(),
        (CellError::AmountTooLarge, Lang::Zh) => "金额过大".into(),
        (e, Lang::En) => e.to_string(),
    }
}

pub fn row_problem(p: &RowProblem, lang: Lang) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    match p {
        RowProblem::Cell(e) => cell_error(e, lang),
        RowProblem::Missing => "必填值为空".into(),
        RowProblem::UnknownCurrency => "未知币别".into(),
        RowProblem::UnknownTerms => "无法识别的付款条件".into(),
        RowProblem::UnknownFlag => "不是 是/否 值".into(),
        RowProblem::UnknownRole => "未知角色".into(),
        RowProblem::ZeroAmount => "金额为零".into(),
        RowProblem::NegativeAmount => "金额为负".into(),
        RowProblem::OutstandingExceedsAmount => "未收金额大于单据金额".into(),
        RowProblem::AmountsDisagree {
            amount,
            paid,
            outstanding,
        } => format!(
            "已收 {} 大于 金额 {} − 未收 {}",
            paid.to_plain_string(),
            amount.to_plain_string(),
            outstanding.to_plain_string()
        ),
        RowProblem::SettledButUnpaid => "有结清日期但未收款".into(),
        RowProblem::UncalculatedFormula => {
            "公式没有计算结果：请用 Excel 或 WPS 打开工作簿、保存后重新导入".into()
        }
        RowProblem::NothingOpen => "此行没有未结金额".into(),
        RowProblem::Duplicate { first_line } => format!("与第 {first_line} 行重复"),
        RowProblem::ConflictingDuplicate { other_lines } => {
            let lines: Vec<String> = other_lines.iter().map(|l| l.to_string()).collect();
            format!("同一单号在第 {} 行内容不同", lines.join("、"))
        }
    }
}

pub fn import_error(e: &ImportError, lang: Lang) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        ImportError::Decode(d) => format!("无法读取文件内容：{}", decode_error_zh(d)),
        ImportError::Csv(c) => format!("CSV 格式错误：{}", csv_error_zh(c)),
        ImportError::Workbook(w) => format!("Excel 文件无法打开：{}", workbook_error_zh(w)),
        ImportError::NotATable => "这不是表格导出文件：请从 ERP 或 Excel 另存为 CSV 或 XLSX".into(),
        ImportError::NoHeader { sheets } => {
            let mut s = format!("前 {MAX_HEADER_SCAN} 行中找不到表头：至少需要两个可识别的列名，其中一个是客户或单据编号（客户、单据编号、价税合计……）");
            if !sheets.is_empty() {
                s.push_str(&format!("；已查找的工作表：{}", sheets.join("、")));
            }
            s
        }
        ImportError::NoDataRows { header_line } => format!("第 {header_line} 行的表头下没有数据行"),
    }
}

fn decode_error_zh(e: &DecodeError) -> String {
    match e {
        DecodeError::Empty => "文件是空的".into(),
        DecodeError::Binary { kind } => format!(
            "这不是文本文件，看起来是{}",
            match kind {
                BinaryKind::Png => "PNG 图片",
                BinaryKind::Jpeg => "JPEG 图片",
                BinaryKind::Gif => "GIF 图片",
                BinaryKind::Pdf => "PDF 文档",
                BinaryKind::Zip => "ZIP 压缩包（.xlsx 工作簿或归档文件）",
                BinaryKind::Ole => "旧版 Office 文件（.xls/.doc）",
                BinaryKind::Gzip => "gzip 压缩包",
                BinaryKind::Other => "二进制数据",
            }
        ),
        DecodeError::Undecodable {
            encoding,
            line,
            byte_offset,
        } if *encoding == GB18030_NAME => format!(
            "既不是 UTF-8 也不是 GBK/GB18030 文本（第 {line} 行，偏移 {byte_offset} 处的字节无效）"
        ),
        DecodeError::Undecodable {
            encoding,
            line,
            byte_offset,
        } => format!(
            "文件开头的字节序标记表明是 {encoding}，但第 {line} 行不是有效的 {encoding}（偏移 {byte_offset}）"
        ),
        DecodeError::TooLarge => "文件太大，无法解码".into(),
        DecodeError::MixedEncodings {
            utf8_line,
            other_line,
        } => format!(
            "文本编码混杂：第 {utf8_line} 行是 UTF-8，第 {other_line} 行不是（GBK？）；请将整个文件以同一种编码重新保存"
        ),
    }
}

fn workbook_error_zh(e: &XlsxError) -> String {
    match e {
        XlsxError::NotAWorkbook => "不是 Excel 工作簿".into(),
        XlsxError::PasswordProtected => "工作簿设有密码；请另存一份不带密码的副本".into(),
        XlsxError::Damaged { detail } => format!("工作簿已损坏或不完整（{detail}）"),
        XlsxError::NoSheets => "工作簿中没有工作表".into(),
        XlsxError::SheetNotFound { name } => format!("没有名为「{name}」的工作表"),
        XlsxError::TooManyColumns { line, limit } => {
            format!("第 {line} 行在第 {limit} 列之后还有内容")
        }
    }
}

fn csv_error_zh(e: &CsvError) -> String {
    match e {
        CsvError::Empty => "文件没有任何行".into(),
        CsvError::UnclosedQuote { line } => format!("第 {line} 行的引号没有闭合"),
        CsvError::StrayQuote { line, to } => format!(
            "第 {line} 行开始的引号一直延续到第 {to} 行，中间的行会被并成一格；请检查第 {line} 行的引号"
        ),
        CsvError::FieldTooLong { line, limit } => {
            format!("第 {line} 行开始的单元格超过 {limit} 字节")
        }
        CsvError::TooManyColumns { line, limit } => format!("第 {line} 行超过 {limit} 列"),
        CsvError::Malformed { line } => format!("第 {line} 行附近有无法读取的行"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_and_kind_is_named_in_both_languages() {
        for f in Field::ALL {
            assert!(!field_name(f, Lang::Zh).is_empty() && !field_name(f, Lang::En).is_empty());
        }
        for k in FileKind::ALL {
            assert!(!kind_name(k, Lang::Zh).is_empty() && !kind_name(k, Lang::En).is_empty());
        }
    }

    #[test]
    fn row_problems_read_in_chinese() {
        assert_eq!(
            row_problem(&RowProblem::Duplicate { first_line: 7 }, Lang::Zh),
            "与第 7 行重复"
        );
        assert_eq!(
            row_problem(&RowProblem::Cell(CellError::BadDate), Lang::Zh),
            "不是有效日期"
        );
        assert_eq!(
            row_problem(&RowProblem::Cell(CellError::BadDate), Lang::En),
            "not a valid date"
        );
    }

    #[test]
    fn file_errors_read_in_chinese_without_english_sentences() {
        let errors = [
            ImportError::Csv(CsvError::StrayQuote { line: 3, to: 5 }),
            ImportError::Csv(CsvError::UnclosedQuote { line: 4 }),
            ImportError::Csv(CsvError::Empty),
            ImportError::Decode(DecodeError::Binary {
                kind: BinaryKind::Png,
            }),
            ImportError::Decode(DecodeError::MixedEncodings {
                utf8_line: 3,
                other_line: 2,
            }),
            ImportError::Workbook(XlsxError::PasswordProtected),
            ImportError::Workbook(XlsxError::SheetNotFound {
                name: "应收".into(),
            }),
        ];
        for e in &errors {
            let zh = import_error(e, Lang::Zh);
            // No run of three English words: the sentence is Chinese, names like PNG aside.
            let english = zh
                .split(|c: char| !c.is_ascii_alphabetic() && c != ' ')
                .any(|run| run.split_whitespace().filter(|w| w.len() > 1).count() >= 3);
            assert!(!english, "{zh}");
            assert_eq!(import_error(e, Lang::En), e.to_string());
        }
        assert_eq!(
            import_error(&errors[0], Lang::Zh),
            "CSV 格式错误：第 3 行开始的引号一直延续到第 5 行，中间的行会被并成一格；请检查第 3 行的引号"
        );
        assert!(import_error(&errors[3], Lang::Zh).contains("PNG 图片"));
    }
}
