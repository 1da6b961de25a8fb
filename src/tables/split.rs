//! Figures glued together (`规章898989`, `3001530061 43119`) → the cells they were.
//!
//! Takes the cells of a row as read, some of them runs of digits that may hold several cells,
//! and how many cells the row has; gives every split of the runs into that many numbers (no run
//! boundary crossed, no leading zero except a lone `0`) that the row's identities accept. The
//! caller ranks them with the identities across rows. The work is bounded: a row that would need
//! more than [`MAX_STEPS`] steps gives up ([`Splits::capped`]) and is read as unsplittable.

/// One cell of a row as read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Part<'a> {
    /// A run of digits that may hold several cells.
    Digits(&'a str),
    /// A cell as it is (a number with separators around it, a blank, a mark).
    Fixed(Option<f64>),
}

/// One piece of a split: which part, the byte range inside it, the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub part: usize,
    pub start: usize,
    pub end: usize,
    pub value: Option<f64>,
}

/// The splits found.
#[derive(Debug, Default)]
pub struct Splits {
    pub found: Vec<Vec<Piece>>,
    /// The work bound or the limit stopped the search before it ended.
    pub capped: bool,
}

/// Longest digit string a piece may be (figures in these tables have at most 9 digits).
const MAX_DIGITS: usize = 10;
/// Work bound per row.
pub const MAX_STEPS: usize = 40_000;
/// Work bound for all the rows one alignment tries ([`budget`]): the alignment tries a row's
/// figures on many rows and spans, so the bound per row alone let a 2 KB text of stray figures
/// run for seconds (found by fuzzing). The glued tables of real reports take at most 14,935
/// steps an alignment (all of `../shared/corpus`, the fixtures, our held-out reports and the
/// 1,000-report benchmark set, 30 Nov 2026); past four times that, a run of digits is noise.
/// A damaged .docx whose two tables are full of them took 86 ms under the bound of 300,000, and
/// takes 27 ms under this one.
pub const MAX_STEPS_PER_TABLE: usize = 60_000;

thread_local! {
    static STEPS_LEFT: std::cell::Cell<usize> = const { std::cell::Cell::new(MAX_STEPS_PER_TABLE) };
}

/// Starts the work bound of one alignment: the splits after it share [`MAX_STEPS_PER_TABLE`]
/// steps, and once they are spent every split is capped (read as unsplittable).
pub fn budget() {
    STEPS_LEFT.with(|c| c.set(MAX_STEPS_PER_TABLE));
}

/// All splits of `parts` into `want` cells whose every prefix `ok` accepts (`ok` sees the values
/// so far, blanks as `None`, and may reject early), at most `limit` of them. `ok` is asked about
/// a prefix only after the same prefix one cell shorter was accepted, so it may test just the
/// cells the last one completes.
pub fn splits(
    parts: &[Part],
    want: usize,
    ok: &dyn Fn(&[Option<f64>]) -> bool,
    limit: usize,
) -> Splits {
    let mut out = Splits::default();
    if parts.is_empty()
        || parts.iter().any(|p| {
            matches!(p, Part::Digits(d) if d.is_empty()
                || !d.bytes().all(|b| b.is_ascii_digit() || b == b'-')
                || d.ends_with('-')
                || d.contains("--"))
        })
    {
        return out;
    }
    let room: usize = parts.iter().map(capacity).sum();
    if room < want || parts.len() > want {
        return out;
    }
    // room_after[i]: how many pieces the parts after part i can hold at most.
    let mut room_after = vec![0; parts.len()];
    for i in (0..parts.len().saturating_sub(1)).rev() {
        room_after[i] = room_after[i + 1] + capacity(&parts[i + 1]);
    }
    let mut state = Walk {
        parts,
        room_after,
        want,
        ok,
        limit,
        pieces: Vec::new(),
        values: Vec::new(),
        steps: 0,
    };
    state.walk(0, 0, &mut out);
    out
}

fn capacity(p: &Part) -> usize {
    match p {
        Part::Digits(d) => d.len(),
        Part::Fixed(_) => 1,
    }
}

struct Walk<'a, 'b> {
    parts: &'a [Part<'b>],
    room_after: Vec<usize>,
    want: usize,
    ok: &'a dyn Fn(&[Option<f64>]) -> bool,
    limit: usize,
    pieces: Vec<Piece>,
    values: Vec<Option<f64>>,
    steps: usize,
}

impl Walk<'_, '_> {
    /// Depth-first over the cut points; the depth is at most `want` (a row's cells), and the
    /// steps are bounded.
    fn walk(&mut self, part: usize, pos: usize, out: &mut Splits) {
        self.steps += 1;
        let spent = STEPS_LEFT.with(|c| {
            let left = c.get();
            c.set(left.saturating_sub(1));
            left == 0
        });
        if out.found.len() >= self.limit || self.steps > MAX_STEPS || spent {
            out.capped = true;
            return;
        }
        let (part, pos) = match self.parts.get(part) {
            Some(Part::Digits(d)) if pos == d.len() => (part + 1, 0),
            _ => (part, pos),
        };
        if part == self.parts.len() {
            if self.pieces.len() == self.want {
                out.found.push(self.pieces.clone());
            }
            return;
        }
        // Room left: every part needs one piece, and the pieces left need digits.
        let left: usize = match self.parts[part] {
            Part::Digits(d) => d.len() - pos,
            Part::Fixed(_) => 1,
        } + self.room_after[part];
        let parts_left = self.parts.len() - part;
        if self.pieces.len() + parts_left > self.want || self.pieces.len() + left < self.want {
            return;
        }
        match self.parts[part] {
            Part::Fixed(v) => {
                self.push(Piece { part, start: 0, end: 0, value: v }, out, part + 1, 0);
            }
            Part::Digits(d) => {
                let rest = d.len() - pos;
                // A minus glued in the run starts a negative piece (`6-30`: 6 | -3 | 0).
                let run = d.as_bytes();
                let sign = usize::from(run[pos] == b'-');
                // The value grows a digit at a time (exact: at most MAX_DIGITS digits).
                let mut magnitude = 0.0;
                for len in 1 + sign..=rest.min(MAX_DIGITS + sign) {
                    let digit = run[pos + len - 1];
                    // No leading zero (a lone `0` only, and no `-0`), no minus inside a piece.
                    if digit == b'-'
                        || len > 1 + sign && run[pos + sign] == b'0'
                        || sign == 1 && digit == b'0' && len == 2
                    {
                        break;
                    }
                    magnitude = magnitude * 10.0 + f64::from(digit - b'0');
                    let v = if sign == 1 { -magnitude } else { magnitude };
                    let piece = Piece { part, start: pos, end: pos + len, value: Some(v) };
                    self.push(piece, out, part, pos + len);
                }
            }
        }
    }

    fn push(&mut self, piece: Piece, out: &mut Splits, next_part: usize, next_pos: usize) {
        self.values.push(piece.value);
        self.pieces.push(piece);
        if (self.ok)(&self.values) {
            self.walk(next_part, next_pos, out);
        }
        self.pieces.pop();
        self.values.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(p: &[Piece]) -> Vec<f64> {
        p.iter().map(|x| x.value.unwrap_or(f64::NAN)).collect()
    }

    fn row_sum(v: &[Option<f64>]) -> bool {
        v.len() < 7
            || (v[..6].iter().map(|x| x.unwrap_or(0.0)).sum::<f64>() - v[6].unwrap_or(0.0)).abs()
                < 1e-6
    }

    #[test]
    fn a_glued_row_of_table_3_splits_by_its_total() {
        // 3001 53 0 0 61 4 3119
        let c = splits(&[Part::Digits("30015300614"), Part::Digits("3119")], 7, &row_sum, 10);
        assert_eq!(c.found.len(), 1);
        assert_eq!(vals(&c.found[0]), [3001.0, 53.0, 0.0, 0.0, 61.0, 4.0, 3119.0]);
        // 52 3 0 0 1 0 56
        let c = splits(&[Part::Digits("523001056")], 7, &row_sum, 10);
        assert_eq!(
            c.found.iter().map(|p| vals(p)).collect::<Vec<_>>(),
            [[52.0, 3.0, 0.0, 0.0, 1.0, 0.0, 56.0]]
        );
    }

    #[test]
    fn fixed_cells_stay_whole() {
        let c = splits(
            &[Part::Fixed(None), Part::Digits("12"), Part::Fixed(Some(3.0))],
            4,
            &|_| true,
            10,
        );
        assert_eq!(c.found.len(), 1);
        assert_eq!(c.found[0][0].value, None);
        assert_eq!(vals(&c.found[0])[1..], [1.0, 2.0, 3.0]);
    }

    #[test]
    fn impossible_splits_give_nothing() {
        assert!(splits(&[Part::Digits("12")], 3, &|_| true, 10).found.is_empty());
        assert!(splits(&[Part::Digits("1a")], 1, &|_| true, 10).found.is_empty());
        // No leading zeros: "05" is never a figure.
        let c = splits(&[Part::Digits("105")], 2, &|_| true, 10);
        assert_eq!(c.found.iter().map(|p| vals(p)).collect::<Vec<_>>(), vec![vec![10.0, 5.0]]);
    }

    #[test]
    fn a_glued_minus_starts_a_negative_cell() {
        // 2019's 本年增/减 glued between its neighbours: 6 | -3 | 0 or 6 | -30 (two cells).
        let c = splits(&[Part::Digits("6-30")], 3, &|_| true, 10);
        assert_eq!(c.found.iter().map(|p| vals(p)).collect::<Vec<_>>(), vec![vec![6.0, -3.0, 0.0]]);
        let c = splits(&[Part::Digits("6-30")], 2, &|_| true, 10);
        assert_eq!(c.found.iter().map(|p| vals(p)).collect::<Vec<_>>(), vec![vec![6.0, -30.0]]);
        // Never -0, never a minus at the end, never a minus inside a piece.
        assert!(splits(&[Part::Digits("6-03")], 3, &|_| true, 10).found.is_empty());
        assert!(splits(&[Part::Digits("63-")], 2, &|_| true, 10).found.is_empty());
    }

    #[test]
    fn the_work_is_bounded() {
        let long = "1".repeat(60);
        let c = splits(&[Part::Digits(&long)], 30, &|_| true, 1_000_000);
        assert!(c.capped);
    }
}
