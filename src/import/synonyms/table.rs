//! The synonym table: every header spelling we have seen in exports, with its rank.

use super::{Field, Rank, GENERIC_RANK};
use Field::*;

/// (header, field, rank). Written as exported; normalised once into the lookup map.
#[rustfmt::skip]
pub(super) const SYNONYMS: &[(&str, Field, Rank)] = &[
    ("客户编码", CustomerCode, 0), ("客户代码", CustomerCode, 0), ("客户编号", CustomerCode, 0),
    ("客户号", CustomerCode, 0), ("往来单位编码", CustomerCode, 0), ("单位编码", CustomerCode, 1),
    ("客户ID", CustomerCode, 0), ("customerID", CustomerCode, 0), ("Customer Code", CustomerCode, 0),
    ("Customer No", CustomerCode, 0), ("Customer Number", CustomerCode, 0),
    ("Customer Account", CustomerCode, 0), ("Debtor Code", CustomerCode, 0),
    ("Partner ID", CustomerCode, 0), ("Account", CustomerCode, 3),

    ("客户", CustomerName, GENERIC_RANK), ("客户名称", CustomerName, 0),
    ("往来单位", CustomerName, GENERIC_RANK), ("往来单位名称", CustomerName, 0),
    ("单位名称", CustomerName, 1), ("客户全称", CustomerName, 0), ("购货单位", CustomerName, 1),
    ("购买方名称", CustomerName, 1), ("购方名称", CustomerName, 1), ("客户简称", CustomerName, 2),
    ("Customer", CustomerName, GENERIC_RANK), ("Party", CustomerName, GENERIC_RANK),
    ("Customer Name", CustomerName, 0), ("Party Name", CustomerName, 0),
    ("Client", CustomerName, GENERIC_RANK), ("Client Name", CustomerName, 0),
    ("Partner", CustomerName, GENERIC_RANK), ("Invoice Partner Display Name", CustomerName, 0),
    ("Name 1", CustomerName, 1), ("Account Name", CustomerName, 1),
    ("Debtor", CustomerName, GENERIC_RANK), ("Company Name", CustomerName, 2),
    ("名称", CustomerName, 3), ("Name", CustomerName, 3), ("Display Name", CustomerName, 2),

    ("单据编号", InvoiceNo, 0), ("发票号", InvoiceNo, 1), ("发票号码", InvoiceNo, 1),
    ("发票编号", InvoiceNo, 1), ("应收单号", InvoiceNo, 0), ("应收单据号", InvoiceNo, 0),
    ("应收单编号", InvoiceNo, 0), ("单据号", InvoiceNo, 1), ("单号", InvoiceNo, 2),
    ("凭证号", InvoiceNo, 2), ("Invoice No", InvoiceNo, 0), ("Invoice Number", InvoiceNo, 0),
    ("Invoice #", InvoiceNo, 0), ("Invoice", InvoiceNo, 2), ("Voucher No", InvoiceNo, 0),
    ("Document Number", InvoiceNo, 0), ("Document No", InvoiceNo, 0), ("invoiceNumber", InvoiceNo, 0),
    ("Num", InvoiceNo, 1), ("Number", InvoiceNo, 2), ("Bill No", InvoiceNo, 1),
    ("Inv No", InvoiceNo, 0), ("Doc No", InvoiceNo, 1), ("DocNum", InvoiceNo, 1),

    ("订单号", OrderNo, 0), ("订单编号", OrderNo, 0), ("销售订单号", OrderNo, 0),
    ("销售订单", OrderNo, 1), ("合同号", OrderNo, 0), ("合同编号", OrderNo, 0),
    ("Order No", OrderNo, 0), ("Order Number", OrderNo, 0), ("Sales Order", OrderNo, 1),
    ("SO No", OrderNo, 0), ("SO Number", OrderNo, 0), ("orderNumber", OrderNo, 0),
    ("Contract No", OrderNo, 0), ("Contract Number", OrderNo, 0),

    ("发货单号", ShipmentNo, 0), ("发货单编号", ShipmentNo, 0), ("出库单号", ShipmentNo, 0),
    ("出库单编号", ShipmentNo, 0), ("送货单号", ShipmentNo, 0), ("Delivery No", ShipmentNo, 0),
    ("Delivery Note", ShipmentNo, 0), ("Shipment No", ShipmentNo, 0),
    ("Shipment Number", ShipmentNo, 0), ("DN No", ShipmentNo, 0),

    ("收款单号", PaymentNo, 0), ("收款单编号", PaymentNo, 0), ("收款编号", PaymentNo, 0),
    ("回款单号", PaymentNo, 0), ("收据号", PaymentNo, 1), ("Receipt No", PaymentNo, 0),
    ("Receipt Number", PaymentNo, 0), ("Payment No", PaymentNo, 0),
    ("Payment Number", PaymentNo, 0), ("Payment Entry", PaymentNo, 0), ("paymentNumber", PaymentNo, 0),

    ("开票日期", DocDate, 0), ("发票日期", DocDate, 0), ("单据日期", DocDate, 1),
    ("业务日期", DocDate, 1), ("记账日期", DocDate, 2), ("过账日期", DocDate, 2),
    ("订单日期", DocDate, 1), ("合同日期", DocDate, 1), ("签订日期", DocDate, 1),
    ("日期", DocDate, 3), ("Invoice Date", DocDate, 0), ("Document Date", DocDate, 1),
    ("Posting Date", DocDate, 2), ("Date", DocDate, 3), ("Bill Date", DocDate, 1),
    ("Invoice/Bill Date", DocDate, 0), ("Transaction Date", DocDate, 2),
    ("invoiceDate", DocDate, 0), ("Txn Date", DocDate, 2), ("Issue Date", DocDate, 1),
    ("Order Date", DocDate, 1),

    ("到期日", DueDate, 0), ("到期日期", DueDate, 0), ("应收日期", DueDate, 0),
    ("应收款日期", DueDate, 0), ("收款到期日", DueDate, 0), ("付款到期日", DueDate, 0),
    ("最后收款日", DueDate, 1), ("Due Date", DueDate, 0), ("Net due date", DueDate, 0),
    ("Date Due", DueDate, 0), ("Invoice Date Due", DueDate, 0), ("Payment Due Date", DueDate, 0),
    ("dueDate", DueDate, 0), ("Due", DueDate, 2),

    ("价税合计", Amount, 0), ("应收金额", Amount, 0), ("原币金额", Amount, 1),
    ("发票金额", Amount, 0), ("开票金额", Amount, 0), ("含税金额", Amount, 1),
    ("合同金额", Amount, 0), ("订单金额", Amount, 0), ("金额", Amount, 3),
    ("价税合计本位币", Amount, 2), ("本位币金额", Amount, 2), ("应收金额本位币", Amount, 2),
    ("Amount", Amount, 2), ("Invoiced Amount", Amount, 0), ("Invoice Amount", Amount, 0),
    ("Total", Amount, 2), ("Grand Total", Amount, 1), ("Contract amount", Amount, 0),
    ("Order Amount", Amount, 0), ("Amount in doc. curr.", Amount, 0),
    ("Amount in document currency", Amount, 0), ("Amount in local currency", Amount, 1),
    ("Amount in LC", Amount, 1), ("Total Signed", Amount, 1), ("Total Amount", Amount, 1),
    ("Original Amount", Amount, 1), ("Gross Amount", Amount, 1), ("amountTotal", Amount, 1),

    ("已收金额", PaidAmount, 0), ("已收款金额", PaidAmount, 0), ("核销金额", PaidAmount, 0),
    ("已核销金额", PaidAmount, 0), ("累计收款", PaidAmount, 1), ("已收款", PaidAmount, 1),
    ("Paid Amount", PaidAmount, 0), ("Amount Paid", PaidAmount, 0), ("Paid", PaidAmount, 1),
    ("paidAmount", PaidAmount, 0),

    ("收款金额", ReceiptAmount, 0), ("实收金额", ReceiptAmount, 0),
    ("本次收款金额", ReceiptAmount, 0), ("回款金额", ReceiptAmount, 0),
    ("到账金额", ReceiptAmount, 0), ("Received Amount", ReceiptAmount, 0),
    ("Amount Received", ReceiptAmount, 0), ("Receipt Amount", ReceiptAmount, 0),
    ("Payment Amount", ReceiptAmount, 0),

    ("未收金额", Outstanding, 0), ("尚未收款金额", Outstanding, 0), ("余额", Outstanding, 1),
    ("未收款金额", Outstanding, 0), ("未核销金额", Outstanding, 0), ("应收余额", Outstanding, 0),
    ("剩余金额", Outstanding, 1), ("欠款金额", Outstanding, 0), ("欠款", Outstanding, 1),
    ("Outstanding Amount", Outstanding, 0), ("Outstanding", Outstanding, 1),
    ("Open Balance", Outstanding, 0), ("Open Amount", Outstanding, 0), ("Balance", Outstanding, 1),
    ("Balance Due", Outstanding, 0), ("Residual", Outstanding, 0), ("Amount Due", Outstanding, 0),
    ("Amount Residual", Outstanding, 0), ("Residual Signed", Outstanding, 1),
    ("Amount Due Signed", Outstanding, 1), ("Remaining Amount", Outstanding, 1),
    ("outstandingAmount", Outstanding, 0), ("Unpaid Amount", Outstanding, 0),

    ("销售员", Salesperson, 0), ("业务员", Salesperson, 0), ("销售人员", Salesperson, 0),
    ("销售代表", Salesperson, 0), ("业务负责人", Salesperson, 1), ("Sales Person", Salesperson, 0),
    ("Sales Rep", Salesperson, 0),
    ("Sales Representative", Salesperson, 0), ("Account Manager", Salesperson, 1),

    ("币别", Currency, 0), ("币种", Currency, 0), ("货币", Currency, 1), ("结算币别", Currency, 0),
    ("原币币别", Currency, 0), ("Currency", Currency, 0), ("Currency Code", Currency, 0),
    ("Document currency", Currency, 0), ("Local Currency", Currency, 1), ("Crcy", Currency, 1),

    ("付款条件", Terms, 0), ("收款条件", Terms, 0), ("账期", Terms, 1), ("信用期", Terms, 1),
    ("Terms", Terms, 0), ("Payment Terms", Terms, 0), ("Payment Term", Terms, 0),
    ("Credit Terms", Terms, 0), ("Terms of Payment", Terms, 0),

    ("结清日期", SettledDate, 0), ("收款日期", SettledDate, 0), ("核销日期", SettledDate, 0),
    ("回款日期", SettledDate, 0), ("到账日期", SettledDate, 0), ("Settled Date", SettledDate, 0),
    ("Payment Date", SettledDate, 0), ("Clearing date", SettledDate, 0),
    ("Date Paid", SettledDate, 0), ("Paid Date", SettledDate, 0), ("Paid On", SettledDate, 0),
    ("Settlement Date", SettledDate, 0),

    ("争议", Disputed, 0), ("是否争议", Disputed, 0), ("有争议", Disputed, 0),
    ("争议标记", Disputed, 0), ("Disputed", Disputed, 0), ("Dispute", Disputed, 0),
    ("In Dispute", Disputed, 0),

    ("产品线", ProductLine, 0), ("产品类别", ProductLine, 1), ("产品大类", ProductLine, 1),
    ("Product Line", ProductLine, 0), ("Product Category", ProductLine, 1),
    ("Item Group", ProductLine, 2),

    ("区域", Region, 0), ("地区", Region, 0), ("销售区域", Region, 0), ("大区", Region, 1),
    ("片区", Region, 1), ("Region", Region, 0), ("Territory", Region, 0),
    ("Sales Region", Region, 0), ("Area", Region, 1),

    ("发货日期", ShipmentDate, 0), ("出库日期", ShipmentDate, 0), ("送货日期", ShipmentDate, 0),
    ("到货日期", ShipmentDate, 1), ("签收日期", ShipmentDate, 1), ("Delivery Date", ShipmentDate, 0),
    ("Ship Date", ShipmentDate, 0), ("Shipment Date", ShipmentDate, 0),
    ("Shipped Date", ShipmentDate, 0), ("Goods Received Date", ShipmentDate, 1),

    ("信用额度", CreditLimit, 0), ("授信额度", CreditLimit, 0), ("信用限额", CreditLimit, 0),
    ("Credit Limit", CreditLimit, 0),

    ("信用等级", CreditGrade, 0), ("信用评级", CreditGrade, 0), ("Credit Rating", CreditGrade, 0),
    ("Credit Grade", CreditGrade, 0),

    ("行业", Tags, 0), ("标签", Tags, 0), ("客户分类", Tags, 1), ("客户类别", Tags, 1),
    ("Industry", Tags, 0), ("Tags", Tags, 0), ("Tag", Tags, 0), ("Customer Group", Tags, 1),
    ("Segment", Tags, 1),

    ("联系人", ContactName, 0), ("联系人姓名", ContactName, 0), ("对接人", ContactName, 1),
    ("Contact", ContactName, 1), ("Contact Name", ContactName, 0),
    ("Contact Person", ContactName, 0),

    ("邮箱", ContactEmail, 0), ("电子邮箱", ContactEmail, 0), ("邮件", ContactEmail, 1),
    ("Email", ContactEmail, 0), ("Email Address", ContactEmail, 0),
    ("Contact Email", ContactEmail, 0),

    ("手机", ContactMobile, 0), ("手机号", ContactMobile, 0), ("手机号码", ContactMobile, 0),
    ("电话", ContactMobile, 1), ("联系电话", ContactMobile, 0), ("Mobile", ContactMobile, 0),
    ("Phone", ContactMobile, 1), ("Telephone", ContactMobile, 1), ("Mobile No", ContactMobile, 0),
    ("Contact Phone", ContactMobile, 0),

    ("核销单号", AppliedInvoice, 0), ("源单编号", AppliedInvoice, 0), ("源单号", AppliedInvoice, 0),
    ("核销发票号", AppliedInvoice, 0), ("对应发票号", AppliedInvoice, 0),
    ("关联发票", AppliedInvoice, 1), ("Invoice Reference", AppliedInvoice, 0),
    ("Against Invoice", AppliedInvoice, 0), ("Reference Invoice", AppliedInvoice, 0),
    ("Applied To", AppliedInvoice, 0),

    ("单据类型", DocType, 0), ("类型", DocType, 2), ("单据类别", DocType, 0),
    ("Type", DocType, 2), ("Document Type", DocType, 0), ("Transaction Type", DocType, 0),
    ("Voucher Type", DocType, 0), ("Doc Type", DocType, 0),

    ("姓名", PersonName, 0), ("员工", PersonName, 1), ("员工姓名", PersonName, 0),
    ("职员", PersonName, 1), ("Employee", PersonName, 1), ("Employee Name", PersonName, 0),
    ("Staff", PersonName, 1), ("Full Name", PersonName, 1),

    ("角色", Role, 0), ("职务", Role, 1), ("岗位", Role, 1), ("Role", Role, 0),
    ("Roles", Role, 0), ("Position", Role, 1),

    ("上级", Manager, 0), ("直属上级", Manager, 0), ("主管", Manager, 1), ("Manager", Manager, 0),
    ("Reports To", Manager, 0), ("Supervisor", Manager, 1),

    ("钉钉", DingTalk, 0), ("钉钉ID", DingTalk, 0), ("钉钉号", DingTalk, 0),
    ("DingTalk", DingTalk, 0), ("DingTalk ID", DingTalk, 0),
    ("企业微信", WeCom, 0), ("企微", WeCom, 0), ("企业微信ID", WeCom, 0), ("WeCom", WeCom, 0),
    ("WeChat Work", WeCom, 0), ("WeCom ID", WeCom, 0),
    ("飞书", Feishu, 0), ("飞书ID", Feishu, 0), ("Feishu", Feishu, 0), ("Lark", Feishu, 0),
];
