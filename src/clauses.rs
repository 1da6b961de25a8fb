//! The one definition of a sentence, a clause and a line, for every stage and the page.
//!
//! Takes normalised text (full-width punctuation already folded: `；` is `;`); gives [`Clauses`],
//! the places where each sentence, clause and line ends, found in one pass, and answers "the
//! sentence (clause, line) around this byte" by binary search.
//!
//! - a **sentence** ends at `。 ; ! ?` or a line break;
//! - a **clause** ends where a sentence does, or at `,` or `:`;
//! - a **line** (a paragraph of the text) ends at a line break.
//!
//! The figures' `sentence` spans, which the page lights around a figure, come from here too.

/// Characters that end a sentence (in normalised text).
pub const SENTENCE_ENDS: [char; 5] = ['。', ';', '!', '?', '\n'];

/// True for a character that ends a sentence.
pub fn ends_sentence(c: char) -> bool {
    SENTENCE_ENDS.contains(&c)
}

/// True for a character that ends a clause.
pub fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, ',' | ':')
}

/// Where the sentences, clauses and lines of one text end.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    /// Every sentence-ending character: its byte offset and its width in bytes, ascending.
    sentence_ends: Vec<(u32, u8)>,
    /// Every clause-ending character, likewise.
    clause_ends: Vec<(u32, u8)>,
    /// Every line break.
    line_ends: Vec<(u32, u8)>,
    len: usize,
}

impl Clauses {
    /// Cuts a text once.
    pub fn new(text: &str) -> Clauses {
        let mut c = Clauses::default();
        for (at, ch) in text.char_indices() {
            c.note(at, ch);
        }
        c.finish(text.len())
    }

    /// Cuts for a text of about `bytes` bytes, with room for as many ends as reports have (a
    /// clause ends every 40 bytes or so, a sentence every 150, a line every 300), so that noting
    /// them seldom copies the vectors.
    pub fn with_capacity(bytes: usize) -> Clauses {
        Clauses {
            sentence_ends: Vec::with_capacity(bytes / 128),
            clause_ends: Vec::with_capacity(bytes / 32),
            line_ends: Vec::with_capacity(bytes / 256),
            len: 0,
        }
    }

    /// Notes the character at byte `at` of a text being written, in text order: normalising
    /// cuts the text as it writes it, without a second pass over it.
    #[inline(always)]
    pub fn note(&mut self, at: usize, c: char) {
        // Most characters are ideographs, all above the last ending (。 U+3002): the test is
        // made where the character is written, the rest out of its way.
        if c > '。' || !ends_clause(c) {
            return;
        }
        self.note_end(at, c);
    }

    #[inline(never)]
    fn note_end(&mut self, at: usize, c: char) {
        let end = (at as u32, c.len_utf8() as u8);
        if c == '\n' {
            self.line_ends.push(end);
        }
        if ends_sentence(c) {
            self.sentence_ends.push(end);
        }
        self.clause_ends.push(end);
    }

    /// The cuts of the text noted, `len` bytes long.
    pub fn finish(mut self, len: usize) -> Clauses {
        self.len = len;
        self
    }

    /// Start of the sentence that holds byte `at`: just after the last ending before `at`.
    pub fn sentence_start(&self, at: usize) -> usize {
        start(&self.sentence_ends, at)
    }

    /// End of the sentence that holds byte `at`: the offset of the first ending at or after `at`
    /// (the ending not included), or the end of the text.
    pub fn sentence_end(&self, at: usize) -> usize {
        end(&self.sentence_ends, at, self.len)
    }

    /// Start of the clause that holds byte `at`.
    pub fn clause_start(&self, at: usize) -> usize {
        start(&self.clause_ends, at)
    }

    /// End of the clause that holds byte `at` (its ending not included).
    pub fn clause_end(&self, at: usize) -> usize {
        end(&self.clause_ends, at, self.len)
    }

    /// Start of the line that holds byte `at`.
    pub fn line_start(&self, at: usize) -> usize {
        start(&self.line_ends, at)
    }

    /// End of the line that holds byte `at` (the line break not included).
    pub fn line_end(&self, at: usize) -> usize {
        end(&self.line_ends, at, self.len)
    }

    /// Every sentence as a byte range `[start, end)` that includes its ending, in text order.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let mut start = 0usize;
        let mut ends = self.sentence_ends.iter();
        let len = self.len;
        std::iter::from_fn(move || match ends.next() {
            Some(&(p, w)) => {
                let s = start;
                start = p as usize + w as usize;
                Some((s, start))
            }
            None if start < len => {
                let s = start;
                start = len;
                Some((s, len))
            }
            None => None,
        })
    }
}

fn start(ends: &[(u32, u8)], at: usize) -> usize {
    let i = ends.partition_point(|&(p, _)| (p as usize) < at);
    i.checked_sub(1).map_or(0, |j| ends[j].0 as usize + ends[j].1 as usize)
}

fn end(ends: &[(u32, u8)], at: usize, len: usize) -> usize {
    let i = ends.partition_point(|&(p, _)| (p as usize) < at);
    ends.get(i).map_or(len, |&(p, _)| p as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_clauses_and_lines() {
        let text = "一、概述\n全年收到申请12件,已答复10件。另有2件;均按时\n";
        let c = Clauses::new(text);
        let at = text.find("已答复").unwrap();
        assert_eq!(&text[c.sentence_start(at)..c.sentence_end(at)], "全年收到申请12件,已答复10件");
        assert_eq!(&text[c.clause_start(at)..c.clause_end(at)], "已答复10件");
        assert_eq!(
            &text[c.line_start(at)..c.line_end(at)],
            "全年收到申请12件,已答复10件。另有2件;均按时"
        );
        let at = text.find("另有").unwrap();
        assert_eq!(c.sentence_start(at), at, "a sentence starts right after 。");
        let all: Vec<&str> = c.sentences().map(|(s, e)| &text[s..e]).collect();
        assert_eq!(all, ["一、概述\n", "全年收到申请12件,已答复10件。", "另有2件;", "均按时\n"]);
        let c = Clauses::new("无结尾");
        assert_eq!(c.sentences().collect::<Vec<_>>(), [(0, 9)]);
        assert_eq!(Clauses::new("").sentences().count(), 0);
        // `note` turns away every character above 。 unread.
        assert!(SENTENCE_ENDS.iter().chain(&[',', ':']).all(|&c| c <= '。' && ends_clause(c)));
    }
}
