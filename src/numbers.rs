//! Numbers as reports write them: `2681`, `270,635`, `3.68万`, `529.35万元`, `一千九百`, `两万三千`,
//! `二〇一六`, with qualifiers `余 多 近 约 超 逾` kept apart from the value.
//!
//! Takes the text of one number token (normalised: half-width digits); gives its value. The
//! regex fragment [`NUMBER`] finds tokens inside the phrase rows, and [`Number::from_captures`]
//! reads one; the figures stage reads the same tokens by hand ([`token_at`]).

use crate::pattern::Captures;
use chinese_number::{ChineseCountMethod, ChineseToNumber};

macro_rules! qualifiers_before {
    () => {
        "将近|接近|近|约|大约|超过|超|逾|多达"
    };
}

/// The qualifiers that may stand before a figure (`pre` of [`NUMBER`]), separated by `|`.
pub const QUALIFIERS_BEFORE: &str = qualifiers_before!();

/// [`QUALIFIERS_BEFORE`] one by one, in the alternation's order, for [`token_at`]: splitting
/// the string at each place a figure may start cost more than reading the figure (a test
/// checks that the two agree).
const QUALIFIERS: [&str; 9] = ["将近", "接近", "近", "约", "大约", "超过", "超", "逾", "多达"];

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

/// The match of [`NUMBER`] that starts at a place: its byte range and those of its groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub pre: Option<(usize, usize)>,
    pub num: (usize, usize),
    pub mult: Option<(usize, usize)>,
    pub post: Option<(usize, usize)>,
}

impl Token {
    /// The figure the token writes.
    pub fn number(&self, text: &str) -> Option<Number> {
        let part = |r: Option<(usize, usize)>| r.map(|(s, e)| &text[s..e]);
        Number::from_parts(
            part(self.pre),
            &text[self.num.0..self.num.1],
            part(self.mult),
            part(self.post),
        )
    }
}

/// The match of [`NUMBER`] that starts exactly at `start`, if any, read by hand: what the
/// pattern gives there, group by group (a test compares the two on random texts), without a run
/// of the backtracker, which cost two thousand instructions at each digit and numeral of a
/// report. Nothing after the figure can fail, so the pattern's first way through is its match:
/// the first qualifier after which a figure stands, else none; the figure's own alternatives in
/// order; 万/亿 and 余/多 when they follow.
pub fn token_at(text: &str, start: usize) -> Option<Token> {
    let rest = text.get(start..)?;
    // No qualifier starts with a digit or numeral: at one, only the figure itself is read.
    let (pre, num) = if rest.starts_with(|c: char| c.is_ascii_digit() || is_numeral(c)) {
        (None, numeral_at(text, start)?)
    } else {
        QUALIFIERS
            .iter()
            .filter(|q| rest.starts_with(*q))
            .find_map(|q| {
                Some((Some((start, start + q.len())), numeral_at(text, start + q.len())?))
            })
            .or_else(|| Some((None, numeral_at(text, start)?)))?
    };
    let mut end = num.1;
    let mut optional = |words: [&str; 2]| {
        let word = words.iter().find(|w| text[end..].starts_with(*w))?;
        end += word.len();
        Some((end - word.len(), end))
    };
    let mult = optional(["万", "亿"]);
    let post = optional(["余", "多"]);
    Some(Token { start, end, pre, num, mult, post })
}

/// The `num` group of [`NUMBER`] at `at`: Arabic digits with their thousands and decimals, or
/// a run of Chinese numerals that holds a digit or count word, or a lone 零 or 〇.
fn numeral_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let digits = |i: usize| {
        bytes.get(i..).map_or(0, |b| b.iter().take_while(|b| b.is_ascii_digit()).count())
    };
    let d = digits(at);
    if d > 0 {
        let mut end = at + d;
        while bytes.get(end) == Some(&b',') && digits(end + 1) >= 3 {
            end += 4;
        }
        if bytes.get(end) == Some(&b'.') && digits(end + 1) > 0 {
            end += 1 + digits(end + 1);
        }
        return Some((at, end));
    }
    // [numerals]*[digit or count word][numerals but 万亿]*: the run of numerals, given back from
    // its end to its last digit or count word, then what may follow that one.
    let mut last_counted = None;
    let mut run_end = at;
    for (i, c) in text[at..].char_indices() {
        if !is_numeral(c) {
            break;
        }
        run_end = at + i + c.len_utf8();
        if is_counted(c) {
            last_counted = Some(run_end);
        }
    }
    if let Some(mut end) = last_counted {
        while end < run_end && (text[end..].starts_with('零') || text[end..].starts_with('〇')) {
            end += '零'.len_utf8();
        }
        return Some((at, end));
    }
    ["零", "〇"].iter().find(|z| text[at..].starts_with(*z)).map(|z| (at, at + z.len()))
}

/// The Chinese numerals of [`NUMBER`]: a `match`, compiled to a few comparisons, not a list
/// searched at every character.
pub const fn is_numeral(c: char) -> bool {
    matches!(c, '零' | '〇' | '万' | '亿') || is_counted(c)
}

/// The numerals that are a digit or a count word (not 零, 〇, 万, 亿).
const fn is_counted(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
    )
}

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

/// Every year of 1900–2099 written as four digits before 年 (2016年), in text order: its byte
/// offset and value. The matches of `((?:19|20)[0-9]{2})年`, found from each 年 (memmem) and read
/// back, not by a pattern tried at every digit.
pub fn years_written(text: &str) -> impl Iterator<Item = (usize, i32)> + '_ {
    let bytes = text.as_bytes();
    crate::lexicon::searcher!("年").find_iter(bytes).filter_map(move |at| {
        let digits = bytes.get(at.checked_sub(4)?..at)?;
        let year_like = digits.starts_with(b"19") || digits.starts_with(b"20");
        (year_like && digits.iter().all(u8::is_ascii_digit))
            .then(|| (at - 4, digits.iter().fold(0, |y, &d| y * 10 + i32::from(d - b'0'))))
    })
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
    // Digits, commas and a point only: nothing to trim.
    if let Some(value) = parse_short_decimal(s) {
        return Some(value);
    }
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') {
        let value = if s.contains(',') {
            s.chars().filter(|&c| c != ',').collect::<String>().parse::<f64>()
        } else {
            s.parse::<f64>()
        };
        return value.ok().filter(|v| v.is_finite());
    }
    let folded = if s.contains(['〇', '两']) {
        std::borrow::Cow::Owned(s.replace('〇', "零").replace('两', "二"))
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let s: &str = &folded;
    let counted = s.chars().any(|c| matches!(c, '十' | '百' | '千' | '万' | '亿'));
    let value: Option<u64> = if counted {
        s.to_number(ChineseCountMethod::TenThousand).ok()
    } else {
        s.to_number_naive().ok()
    };
    value.map(|v| v as f64)
}

/// [`parse`] of the figures most reports write (`2681`, `270,635`, `3.68`): at most fifteen
/// digits, commas left out, one point between digits. Their digits as a whole number are exact
/// as an `f64`, and so is the power of ten below them, so one division gives the correctly
/// rounded value, the one `str::parse` gives (the test `short_decimals_parse_as_std_parses_them`
/// compares the two) in a fraction of its instructions. Anything else gives `None`.
fn parse_short_decimal(s: &str) -> Option<f64> {
    const POWERS_OF_TEN: [f64; 16] =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let mut mantissa = 0u64;
    let mut digits = 0;
    // The digits before the point, once it is read.
    let mut whole_digits = None;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' if digits < 15 => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
            }
            b',' => {}
            b'.' if whole_digits.is_none() => whole_digits = Some(digits),
            _ => return None,
        }
    }
    match whole_digits {
        None if digits > 0 => Some(mantissa as f64),
        Some(whole) if whole > 0 && digits > whole => {
            Some(mantissa as f64 / POWERS_OF_TEN[digits - whole])
        }
        _ => None,
    }
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

    /// `token_at` gives what the pattern gives at every place of random texts drawn from the
    /// characters of [`NUMBER`] and a few others.
    #[test]
    fn tokens_read_by_hand_are_the_patterns_matches() {
        use proptest::prelude::*;
        let pattern = Pattern::new(NUMBER).unwrap();
        let texts = crate::testing::texts(
            "0123456789,,..零〇一二两三五十百千万亿万亿余多将近接近约大超过逾多达件年",
            24,
        );
        let group = |caps: &crate::pattern::Captures<'_, '_>, name: &str| {
            caps.name(name).map(|g| (g.start(), g.end()))
        };
        proptest!(ProptestConfig::with_cases(3000), |(text in texts)| {
            for (start, _) in text.char_indices() {
                let by_hand = token_at(&text, start);
                let by_pattern = pattern.captures_at(&text, start, text.len()).map(|caps| Token {
                    start: caps.whole().start(),
                    end: caps.whole().end(),
                    pre: group(&caps, "pre"),
                    num: group(&caps, "num").unwrap(),
                    mult: group(&caps, "mult"),
                    post: group(&caps, "post"),
                });
                prop_assert_eq!(by_hand, by_pattern, "{} at {}", text, start);
            }
        });
    }

    #[test]
    fn the_qualifiers_one_by_one_are_the_alternation() {
        assert_eq!(QUALIFIERS.join("|"), QUALIFIERS_BEFORE);
    }

    #[test]
    fn no_qualifier_starts_with_a_digit_or_numeral() {
        for q in QUALIFIERS_BEFORE.split('|') {
            assert!(!q.starts_with(|c: char| c.is_ascii_digit() || is_numeral(c)), "{q}");
        }
    }

    #[test]
    fn tokens_of_every_kind() {
        fn value(s: &str) -> Option<(f64, &str)> {
            let t = token_at(s, 0)?;
            Some((t.number(s)?.value, &s[t.start..t.end]))
        }
        assert_eq!(value("1,234,5678件"), Some((1234567.0, "1,234,567")));
        assert_eq!(value("3.68万元"), Some((36800.0, "3.68万")));
        assert_eq!(value("超过220万余人"), Some((2200000.0, "超过220万余")));
        assert_eq!(value("三万"), Some((30000.0, "三万")));
        assert_eq!(value("二〇一六年"), Some((2016.0, "二〇一六")));
        assert_eq!(value("一百零"), Some((100.0, "一百零")));
        assert_eq!(value("零件"), Some((0.0, "零")));
        assert_eq!(value("万件"), None);
        assert_eq!(value("大力"), None);
    }

    #[test]
    fn arabic_with_separators_and_decimals() {
        assert_eq!(parse("2681"), Some(2681.0));
        assert_eq!(parse("270,635"), Some(270635.0));
        assert_eq!(parse("92.1"), Some(92.1));
    }

    #[test]
    fn short_decimals_parse_as_std_parses_them() {
        use proptest::prelude::*;
        let std_parse = |s: &str| s.replace(',', "").parse::<f64>().ok();
        for s in
            ["0", "007", "1.", ".5", "1.2.3", ",", "1,2", "999999999999999", "0.000000000000001"]
        {
            if let Some(v) = parse_short_decimal(s) {
                assert_eq!(Some(v), std_parse(s), "{s}");
            }
        }
        assert_eq!(parse_short_decimal("1234567890123456"), None, "sixteen digits");
        assert_eq!(parse_short_decimal("1."), None);
        proptest!(ProptestConfig::with_cases(20000), |(s in "[0-9,]{0,9}(\\.[0-9,.]{0,9})?")| {
            if let Some(v) = parse_short_decimal(&s) {
                prop_assert_eq!(Some(v.to_bits()), std_parse(&s).map(f64::to_bits), "{}", s);
            }
        });
        let decimals = (0u64..1_000_000_000, "[0-9]{1,6}");
        proptest!(ProptestConfig::with_cases(20000), |((whole, fraction) in decimals)| {
            let s = format!("{whole}.{fraction}");
            let (ours, std) = (parse_short_decimal(&s), std_parse(&s));
            prop_assert_eq!(ours.map(f64::to_bits), std.map(f64::to_bits), "{}", s);
        });
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
