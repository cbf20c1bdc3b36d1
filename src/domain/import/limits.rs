//! The size limit of an import. Files up to it are read in the browser in steps (see
//! `CsvImport::step`) so the page stays responsive; larger ones are refused up front with
//! a message, before any byte is decoded.

use crate::domain::validate::{DataIssue, Severity};

/// The largest file imported: 50 MB (MiB, as file pickers count).
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// `Ok` when a file of `len_bytes` may be imported, else the issue to show.
pub fn check_size(file: &str, len_bytes: u64) -> Result<(), DataIssue> {
    if len_bytes <= MAX_IMPORT_BYTES {
        return Ok(());
    }
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    let reason = super::Reason::TooBig {
        mb: format!("{:.1}", mb(len_bytes)),
        max_mb: format!("{:.0}", mb(MAX_IMPORT_BYTES)),
    };
    Err(DataIssue::because(Severity::Error, file, "", reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_megabytes_pass_one_byte_more_does_not() {
        assert!(check_size("a.csv", 0).is_ok());
        assert!(check_size("a.csv", MAX_IMPORT_BYTES).is_ok());
        let issue = check_size("big.csv", MAX_IMPORT_BYTES + 1).expect_err("refused");
        assert_eq!(issue.file, "big.csv");
        assert_eq!(issue.severity, Severity::Error);
        assert!(issue.message.contains("50.0 MB") && issue.message.contains("over 50 MB"));
    }
}
