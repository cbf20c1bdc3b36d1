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

/// `x` with one decimal, halves rounded away from zero as readers round by hand
/// (0.25 → "0.3", 0.35 → "0.4", -0.25 → "-0.3"), not half-to-even as `{:.1}` does on the
/// binary value. A tiny tolerance keeps 1/400 × 100 (0.25 after float error) a half.
pub fn one_decimal(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    let tenths = x * 10.0;
    let tol = tenths.abs().max(1.0) * 1e-9;
    let rounded = (tenths + tenths.signum() * tol).round();
    // Avoid "-0.0" for values that round to zero.
    let rounded = if rounded == 0.0 { 0.0 } else { rounded };
    format!("{:.1}", rounded / 10.0)
}

/// 0.006896 → "0.7%"; 1.0 → "100.0%"; 1/400 → "0.3%".
pub fn percent(ratio: f64) -> String {
    format!("{}%", one_decimal(ratio * 100.0))
}

/// 74699.87 m → "74.7"; 250 m → "0.3".
pub fn km(distance_m: f64) -> String {
    one_decimal(distance_m / 1000.0)
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

    #[test]
    fn halves_round_away_from_zero() {
        // "1 of ≈400" is 0.25%: readers expect 0.3%, not the half-to-even 0.2%.
        assert_eq!(percent(1.0 / 400.0), "0.3%");
        assert_eq!(percent(3.0 / 400.0), "0.8%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(km(250.0), "0.3");
        assert_eq!(km(1_050.0), "1.1");
        assert_eq!(one_decimal(0.35), "0.4");
        assert_eq!(one_decimal(-0.25), "-0.3");
        assert_eq!(one_decimal(-0.01), "0.0");
        assert_eq!(one_decimal(0.24), "0.2");
    }
}
