//! Figures glued together (`规章898989`, `3001530061 43119`) → the cells they were.
//!
//! Takes the digit tokens of a row and how many cells the row has; gives every split of the
//! tokens into that many numbers (no token boundary crossed, no leading zeros) that the table's
//! identities accept (a row's 总计 = the sum of the applicant columns; 总计 = 维持+纠正+其他+尚未审结).
//! The caller picks one (the most even for table 2, the one the column identities prefer for
//! table 3) and marks its cells `guessed`.

/// One piece of a split: which token, the byte range inside it, the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub token: usize,
    pub start: usize,
    pub end: usize,
    pub value: f64,
}

/// Longest digit string a piece may be (figures in these tables have at most 9 digits).
const MAX_DIGITS: usize = 10;
/// Work bound: a pathological row gives up rather than hang.
const MAX_STEPS: usize = 200_000;

/// All splits of `tokens` into `want` numbers whose every prefix `ok` accepts (`ok` sees the
/// values so far and may reject early), at most `limit` of them.
pub fn splits(
    tokens: &[&str],
    want: usize,
    ok: &dyn Fn(&[f64]) -> bool,
    limit: usize,
) -> Vec<Vec<Piece>> {
    let mut out = Vec::new();
    if tokens.is_empty()
        || tokens.iter().any(|t| t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()))
    {
        return out;
    }
    let total: usize = tokens.iter().map(|t| t.len()).sum();
    if total < want {
        return out;
    }
    let mut pieces = Vec::new();
    let mut values = Vec::new();
    let mut steps = 0;
    walk(tokens, 0, 0, want, ok, limit, &mut pieces, &mut values, &mut out, &mut steps);
    out
}

#[allow(clippy::too_many_arguments)]
fn walk(
    tokens: &[&str],
    tok: usize,
    pos: usize,
    want: usize,
    ok: &dyn Fn(&[f64]) -> bool,
    limit: usize,
    pieces: &mut Vec<Piece>,
    values: &mut Vec<f64>,
    out: &mut Vec<Vec<Piece>>,
    steps: &mut usize,
) {
    *steps += 1;
    if out.len() >= limit || *steps > MAX_STEPS {
        return;
    }
    let (tok, pos) = if pos == tokens[tok].len() { (tok + 1, 0) } else { (tok, pos) };
    if tok == tokens.len() {
        if pieces.len() == want {
            out.push(pieces.clone());
        }
        return;
    }
    // Digits left must be enough for the pieces left, and every token needs one piece at least.
    let digits_left: usize =
        tokens[tok].len() - pos + tokens[tok + 1..].iter().map(|t| t.len()).sum::<usize>();
    let tokens_left = tokens.len() - tok;
    if pieces.len() + tokens_left > want || pieces.len() + digits_left < want {
        return;
    }
    let s = tokens[tok];
    let rest = s.len() - pos;
    for len in 1..=rest.min(MAX_DIGITS) {
        let part = &s[pos..pos + len];
        if len > 1 && part.starts_with('0') {
            break;
        }
        let Ok(v) = part.parse::<f64>() else { break };
        pieces.push(Piece { token: tok, start: pos, end: pos + len, value: v });
        values.push(v);
        if ok(values) {
            walk(tokens, tok, pos + len, want, ok, limit, pieces, values, out, steps);
        }
        pieces.pop();
        values.pop();
    }
}

/// Accepts a row of table 3 whose last number is the sum of the others.
pub fn row_sum(values: &[f64], width: usize) -> bool {
    values.len() < width
        || (values[..width - 1].iter().sum::<f64>() - values[width - 1]).abs() < 1e-6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(p: &[Piece]) -> Vec<f64> {
        p.iter().map(|x| x.value).collect()
    }

    #[test]
    fn a_glued_row_of_table_3_splits_by_its_total() {
        // 3001 53 0 0 61 4 3119
        let c = splits(&["30015300614", "3119"], 7, &|v| row_sum(v, 7), 10);
        assert_eq!(c.len(), 1);
        assert_eq!(vals(&c[0]), [3001.0, 53.0, 0.0, 0.0, 61.0, 4.0, 3119.0]);
    }

    #[test]
    fn table_2_glued_has_several_readings() {
        let c = splits(&["898989"], 3, &|v| v.len() < 3 || v[2] >= v[0], 100);
        // Several readings fit; the caller takes the most even one (89 | 89 | 89).
        assert!(c.len() > 1);
        assert!(c.iter().any(|p| vals(p) == [89.0, 89.0, 89.0]));
    }

    #[test]
    fn impossible_splits_give_nothing() {
        assert!(splits(&["12"], 3, &|_| true, 10).is_empty());
        assert!(splits(&["1a"], 1, &|_| true, 10).is_empty());
        // No leading zeros: "05" is never a figure.
        let c = splits(&["105"], 2, &|_| true, 10);
        assert_eq!(c.iter().map(|p| vals(p)).collect::<Vec<_>>(), vec![vec![10.0, 5.0]]);
    }
}
