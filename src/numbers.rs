//! Numbers as reports write them: `2681`, `270,635`, `3.68万`, `529.35万元`, `一千九百`, `两万三千`,
//! `二〇一六`, with qualifiers `余 多 近 约 超 逾` kept apart from the value.
//!
//! Takes the text of one number token (normalised: half-width digits); gives its value. The
//! regex fragment [`NUMBER`] finds tokens; [`Number::from_captures`] reads one.

use crate::pattern::Captures;
use chinese_number::{ChineseCountMethod, ChineseToNumber};

macro_rules! qualifiers_before {
    () => {
        "将近|接近|近|约|大约|超过|超|逾|多达"
    };
}

/// The qualifiers that may stand before a figure (`pre` of [`NUMBER`]), separated by `|`.
pub const QUALIFIERS_BEFORE: &str = qualifiers_before!();

/// Regex fragment for one figure with its qualifiers, in named groups:
/// `pre` (近 约 超过 逾 …), `num` (the digits or numerals), `mult` (万 亿), `post` (余 多 …).
/// A rule writes `{N}` where the figure stands; the unit follows it in the rule.
pub const NUMBER: &str = concat!(
    "(?P<pre>",
    qualifiers_before!(),
    ")?",
    r"(?P<num>[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿]*[一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千]*|零|〇)",
    r"(?P<mult>万|亿)?(?P<post>余|多)?",
);

/// A figure as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Value with the multiplier applied (3.68万 → 36800).
    pub value: f64,
    /// Qualifier as written (余, 多, 近, 约, 超, 逾 …), if any.
    pub approx: Option<String>,
}

impl Number {
    /// Reads a figure from the groups of a pattern that contains [`NUMBER`].
    pub fn from_captures(caps: &Captures<'_, '_>) -> Option<Number> {
        let part = |name: &str| caps.name(name).map(|g| g.as_str());
        Number::from_parts(part("pre"), part("num")?, part("mult"), part("post"))
    }

    /// Reads a figure from its parts: qualifier before, numerals, multiplier, qualifier after.
    pub fn from_parts(
        pre: Option<&str>,
        num: &str,
        mult: Option<&str>,
        post: Option<&str>,
    ) -> Option<Number> {
        let mut value = parse(num)?;
        if let Some(m) = mult {
            value *= multiplier(m);
        }
        Some(Number { value: round(value), approx: pre.or(post).map(str::to_string) })
    }
}

/// Value of one multiplier word.
pub fn multiplier(word: &str) -> f64 {
    match word {
        "万" | "萬" => 1e4,
        "亿" | "億" => 1e8,
        "千" => 1e3,
        "百" => 1e2,
        _ => 1.0,
    }
}

/// Rounds away binary noise (3.68 × 10000 = 36800.000000000004).
pub fn round(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Parses Arabic (`270,635`, `3.68`) or Chinese (`一千九百`, `两万三千`, `二〇一六`) numerals.
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        let digits: String = s.chars().filter(|&c| c != ',').collect();
        return digits.parse::<f64>().ok().filter(|v| v.is_finite());
    }
    let s = s.replace('〇', "零").replace('两', "二");
    let counted = s.chars().any(|c| matches!(c, '十' | '百' | '千' | '万' | '亿'));
    let value: Option<u64> = if counted {
        s.as_str().to_number(ChineseCountMethod::TenThousand).ok()
    } else {
        s.as_str().to_number_naive().ok()
    };
    value.map(|v| v as f64)
}

/// A number as a reader writes it: no needless `.0` (2681, 0.5).
pub fn format(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::Pattern;

    fn read(s: &str) -> Option<(f64, Option<String>)> {
        let re = Pattern::new(&format!("^{NUMBER}$")).unwrap();
        let caps = re.captures(s)?;
        Number::from_captures(&caps).map(|n| (n.value, n.approx))
    }

    #[test]
    fn arabic_with_separators_and_decimals() {
        assert_eq!(parse("2681"), Some(2681.0));
        assert_eq!(parse("270,635"), Some(270635.0));
        assert_eq!(parse("92.1"), Some(92.1));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse("十二"), Some(12.0));
        assert_eq!(parse("一千九百"), Some(1900.0));
        assert_eq!(parse("两万三千"), Some(23000.0));
        assert_eq!(parse("二千六百八十一"), Some(2681.0));
        assert_eq!(parse("二〇一六"), Some(2016.0));
        assert_eq!(parse("零"), Some(0.0));
        assert_eq!(parse("三"), Some(3.0));
    }

    #[test]
    fn multipliers_and_qualifiers() {
        assert_eq!(read("3.68万"), Some((36800.0, None)));
        assert_eq!(read("529.35万"), Some((5293500.0, None)));
        assert_eq!(read("10万余"), Some((100000.0, Some("余".into()))));
        assert_eq!(read("近140"), Some((140.0, Some("近".into()))));
        assert_eq!(read("1300余"), Some((1300.0, Some("余".into()))));
        assert_eq!(read("超220万"), Some((2200000.0, Some("超".into()))));
        assert_eq!(read("1000多"), Some((1000.0, Some("多".into()))));
        assert_eq!(read("约5.7万"), Some((57000.0, Some("约".into()))));
        assert_eq!(read("两千三百"), Some((2300.0, None)));
    }
}
