//! Figures as text for tables, charts and cards: digits grouped in threes ("1,890,000",
//! as both the Chinese reports and English readers write them), completeness as a
//! percentage with one decimal, kilometres with one decimal.

/// "1890000" → "1,890,000".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed figure with grouped digits: "-224,000".
pub fn group_signed(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group_digits(n.unsigned_abs()))
}

/// 0.006896 → "0.7%"; 1.0 → "100.0%".
pub fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// 74699.87 m → "74.7".
pub fn km(distance_m: f64) -> String {
    format!("{:.1}", distance_m / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1_890_000), "1,890,000");
        assert_eq!(group_signed(-224_000), "-224,000");
        assert_eq!(group_signed(i64::MIN), "-9,223,372,036,854,775,808");
        assert_eq!(percent(2.0 / 290.0), "0.7%");
        assert_eq!(km(74_699.87), "74.7");
    }
}
