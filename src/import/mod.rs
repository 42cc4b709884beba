//! Bytes to validated domain records, with a report of every row refused. No browser APIs.
pub mod cells;
pub mod csv_reader;
pub mod decode;
pub mod header_detect;
pub mod mapping;
pub mod pipeline;
pub mod records;
pub mod report_date;
pub mod synonyms;
pub mod table;
pub mod xlsx_reader;
