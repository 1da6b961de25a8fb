//! Every place any word of a fixed list stands in a text, overlapping places too: the trigger
//! pass of the phrase rows (`indicators`), one walk over the text per report.
//!
//! Takes the words once ([`Lexicon::new`]) and then a text; gives (word id, byte offset) pairs
//! in order of their offset.
//!
//! Why not aho-corasick, the crate made for this: its DFA, which the command line used, took
//! 15 M instructions to build, three tenths of a one-report run (51.8 M); the page used its
//! non-contiguous NFA instead, for size, which walked the text about three times slower than
//! the DFA. The words here are Chinese, three bytes a character: the text is walked a character
//! at a time, one load from a table indexed by the character tells whether any word starts with
//! it, and only then are those few words compared (in a second pass over the places the first
//! noted, see [`Lexicon::find_all`]). Measured against the DFA: the same share of
//! the command line's time over 1,000 reports, start-up 10.3 → 7.8 ms (51.8 → 36.6 M
//! instructions), and the page's analyzer module 17.7 KB (gzipped) smaller.

use crate::pattern::{char_at, utf8_len};

/// The words of a lexicon, grouped by their first character.
#[derive(Debug)]
pub struct Lexicon {
    /// A bit per character of the Basic Multilingual Plane: whether any word starts with it.
    /// Most characters start none, and this 8 KB test stays in the nearest cache where a look-up
    /// in the 128 KB `group_of` would not.
    starters: Vec<u64>,
    /// For each character of the Basic Multilingual Plane, 1 + the index of its group, or 0 when
    /// no word starts with it.
    group_of: Vec<u16>,
    /// Group `g`'s words are `tails[starts[g]..starts[g + 1]]`: one flat array, not a vector per
    /// group, so that a group is found with one load less.
    starts: Vec<u32>,
    tails: Vec<Tail>,
    /// Per group, what the character after its first can be, as [`follow_key`] reads it: a bit
    /// per key of each longer word's second character. Where the text's next character has none
    /// of them, only the group's words of one character can stand, and the others are not read.
    follow: Vec<u64>,
    /// Per group, the ids of its words of one character, in order: `singles[single_starts[g]..
    /// single_starts[g + 1]]`.
    single_starts: Vec<u32>,
    singles: Vec<u32>,
    /// The bytes of the tails beyond their first three, one after another.
    rests: Vec<u8>,
    /// Words that start beyond the Basic Multilingual Plane (none in the rule tables; kept so
    /// that any list of words works): (id, whole word), tried at every such character.
    astral: Vec<(u32, Box<[u8]>)>,
}

impl Lexicon {
    /// A lexicon of `words`; a word's id is its index. Empty words are never found.
    pub fn new<S: AsRef<str>>(words: &[S]) -> Lexicon {
        let mut group_of = vec![0u16; 0x1_0000];
        let mut groups: Vec<Vec<(u32, &[u8])>> = Vec::new();
        let mut astral = Vec::new();
        for (id, word) in words.iter().enumerate() {
            let word = word.as_ref();
            let Some(first) = word.chars().next() else { continue };
            let id = id as u32;
            if first as u32 > 0xFFFF {
                astral.push((id, word.as_bytes().into()));
                continue;
            }
            let slot = &mut group_of[first as usize];
            if *slot == 0 {
                groups.push(Vec::new());
                *slot = u16::try_from(groups.len()).expect("at most 65,535 first characters");
            }
            groups[*slot as usize - 1].push((id, &word.as_bytes()[first.len_utf8()..]));
        }
        let mut starters = vec![0u64; 0x1_0000 / 64];
        for (c, &slot) in group_of.iter().enumerate() {
            if slot != 0 {
                starters[c / 64] |= 1 << (c % 64);
            }
        }
        let (mut starts, mut tails, mut rests) = (vec![0], Vec::new(), Vec::new());
        let (mut follow, mut single_starts, mut singles) = (Vec::new(), vec![0], Vec::new());
        for group in groups {
            let mut keys = 0u64;
            for (id, tail) in group {
                match tail.first() {
                    None => singles.push(id),
                    Some(_) => keys |= 1 << follow_key(tail),
                }
                tails.push(Tail::new(id, tail, &mut rests));
            }
            starts.push(tails.len() as u32);
            follow.push(keys);
            single_starts.push(singles.len() as u32);
        }
        Lexicon { starters, group_of, starts, tails, follow, single_starts, singles, rests, astral }
    }

    /// Calls `found(id, offset)` for every place a word stands in `text`, in order of the
    /// offset (words that start at the same place in the order they were given).
    ///
    /// Two passes: the first notes where a character that starts a word stands, without a
    /// branch on whether it does; the second looks at those places only. Half the characters of a report
    /// start some word, in no order a processor can learn: one loop that asked at each character
    /// whether it starts one guessed wrong every few characters, and that cost more than the
    /// second pass.
    pub fn find_all(&self, text: &str, mut found: impl FnMut(u32, usize)) {
        let bytes = text.as_bytes();
        PLACES.with_borrow_mut(|places| {
            // A block at a time, so that the places of a long text take no more room than a
            // block's.
            places.resize(BLOCK + 8, (0, 0));
            let mut at = 0;
            while at < bytes.len() {
                let (n, next) = self.starting_places(bytes, at, places);
                self.words_at(bytes, &places[..n], &mut found);
                // (The text is valid UTF-8: every block reads at least a character.)
                if next == at {
                    break;
                }
                at = next;
            }
        });
    }

    /// The words that stand at `places` (from [`Lexicon::starting_places`]).
    fn words_at(&self, bytes: &[u8], places: &[(u32, u32)], found: &mut impl FnMut(u32, usize)) {
        for &(at, c) in places {
            let at = at as usize;
            if c > 0xFFFF {
                for (id, word) in &self.astral {
                    if bytes[at..].starts_with(word) {
                        found(*id, at);
                    }
                }
                continue;
            }
            let len = utf8_len(bytes[at]);
            let slot = usize::from(self.group_of[c as usize]);
            let rest = &bytes[at + len..];
            // The next three bytes, as a tail's head is kept: what rejects nearly every word.
            let next = match rest {
                [a, b, c, ..] => u32::from_le_bytes([*a, *b, *c, 0]),
                _ => Tail::head_of(rest).0,
            };
            if rest.first().is_some_and(|_| self.follow[slot - 1] >> follow_key(rest) & 1 != 0) {
                let group = self.starts[slot - 1] as usize..self.starts[slot] as usize;
                for tail in &self.tails[group] {
                    if next & tail.mask == tail.head && tail.follows(rest, &self.rests) {
                        found(tail.id, at);
                    }
                }
            } else {
                let singles =
                    self.single_starts[slot - 1] as usize..self.single_starts[slot] as usize;
                for &id in &self.singles[singles] {
                    found(id, at);
                }
            }
        }
    }

    /// Writes to `places` the places (byte offset, character) where a character that starts a
    /// word stands, and those of every character beyond the Basic Multilingual Plane, in order,
    /// from `at` (a character boundary) for about [`BLOCK`] bytes; tells how many, and where it
    /// stopped. `places` has room for a block's characters and more.
    fn starting_places(
        &self,
        bytes: &[u8],
        mut at: usize,
        places: &mut [(u32, u32)],
    ) -> (usize, usize) {
        // Written without a test of the length: the slot after the last place is written
        // whether or not it is one.
        let mut n = 0;
        let end = at.saturating_add(BLOCK).min(bytes.len());
        while let Some((c, len)) = (at < end).then(|| char_at(bytes, at, bytes.len())).flatten() {
            let c = u32::from(c);
            // Beyond the Plane (no bit of its own): looked at by `words_at`.
            let starts =
                self.starters.get(c as usize / 64).map_or(1, |word| (word >> (c % 64)) & 1);
            places[n] = (at as u32, c);
            n += starts as usize;
            at += len;
        }
        (n, at)
    }
}

/// The bytes of text [`Lexicon::find_all`] reads at a time.
const BLOCK: usize = 8192;

thread_local! {
    /// [`Lexicon::starting_places`]'s output, kept from one block and text to the next of the
    /// thread, not cleared for each.
    static PLACES: std::cell::RefCell<Vec<(u32, u32)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The character that starts `bytes` (not empty), told apart by six bits: an ASCII character by
/// its own low bits, another by those of its last byte (Chinese characters share their first
/// bytes, not their last).
#[inline]
fn follow_key(bytes: &[u8]) -> u32 {
    let b = bytes[0];
    let last = if b < 0x80 {
        b
    } else {
        let n = if b >= 0xF0 {
            4
        } else if b >= 0xE0 {
            3
        } else {
            2
        };
        // A character cut by the end of the text: its last byte present, or the first.
        *bytes.get(n - 1).unwrap_or(&b)
    };
    u32::from(last & 0x3F)
}

/// The searcher of a word for long texts (a report), built once for the program where the
/// macro stands: building one costs about what searching a report does, and every report
/// asks for the same few words. `searcher!("年").find_iter(text.as_bytes())`.
macro_rules! searcher {
    ($word:expr) => {{
        static SEARCHER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        $crate::lexicon::searcher_in(&SEARCHER, $word)
    }};
}
pub(crate) use searcher;

/// [`searcher!`]'s work, in one function for every place that asks (the page's module carried
/// the searcher's construction once per place: 2.4 KB).
pub(crate) fn searcher_in(
    cell: &'static std::sync::OnceLock<memchr::memmem::Finder<'static>>,
    word: &str,
) -> &'static memchr::memmem::Finder<'static> {
    cell.get_or_init(|| memchr::memmem::Finder::new(word).into_owned())
}

/// Where `word` first stands in `text`, as `text.find(word)` says. For the short texts the stages
/// look into (a sentence, a clause, a heading): `str::find` and memmem set up a searcher at each
/// call, which costs more than searching such a text. This one looks for the word's last byte
/// with memchr (a Chinese character's last byte is one of 64, so it rarely stands anywhere else)
/// and compares back from there.
pub fn find(text: &str, word: &str) -> Option<usize> {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some((&last, head)) = word.split_last() else { return Some(0) };
    let mut from = head.len();
    while from < text.len() {
        let end = from + memchr::memchr(last, &text[from..])?;
        let start = end - head.len();
        if same(&text[start..end], head) {
            return Some(start);
        }
        from = end + 1;
    }
    None
}

/// Where `word` last stands in `text`, as `text.rfind(word)` says; see [`find`].
pub fn rfind(text: &str, word: &str) -> Option<usize> {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let Some((&last, head)) = word.split_last() else { return Some(text.len()) };
    let mut to = text.len();
    while to > head.len() {
        let end = head.len() + memchr::memrchr(last, &text[head.len()..to])?;
        let start = end - head.len();
        if same(&text[start..end], head) {
            return Some(start);
        }
        to = end;
    }
    None
}

/// Whether `word` stands in `text`; see [`find`].
pub fn contains(text: &str, word: &str) -> bool {
    find(text, word).is_some()
}

/// Byte by byte: a slice comparison calls memcmp, which costs more than these few bytes.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// A word after its first character. The first three bytes (a Chinese word's second character)
/// are compared as one number, the rest only when they agree.
#[derive(Debug)]
struct Tail {
    /// The first bytes (up to three), little-endian, and the mask of the bytes it holds.
    head: u32,
    mask: u32,
    id: u32,
    /// The bytes after the first three: `rests[rest..rest + more]`.
    rest: u32,
    more: u16,
    /// How many bytes `head` holds.
    head_len: u8,
}

impl Tail {
    fn new(id: u32, tail: &[u8], rests: &mut Vec<u8>) -> Tail {
        let (head, mask) = Tail::head_of(tail);
        let more = tail.get(3..).unwrap_or_default();
        let rest = rests.len() as u32;
        rests.extend_from_slice(more);
        let more_len = u16::try_from(more.len()).expect("no word of 64 KB");
        Tail { head, mask, id, rest, more: more_len, head_len: tail.len().min(3) as u8 }
    }

    /// The first bytes of `bytes` (up to three) and their mask.
    fn head_of(bytes: &[u8]) -> (u32, u32) {
        let mut b = [0u8; 4];
        let n = bytes.len().min(3);
        b[..n].copy_from_slice(&bytes[..n]);
        let mask = [0, 0xFF, 0xFFFF, 0xFF_FFFF][n];
        (u32::from_le_bytes(b), mask)
    }

    /// Whether the whole tail stands at the start of `text` (its head already agrees).
    fn follows(&self, text: &[u8], rests: &[u8]) -> bool {
        if text.len() < usize::from(self.head_len) {
            return false;
        }
        let more = usize::from(self.more);
        more == 0 || {
            let rest = self.rest as usize;
            text.get(3..3 + more).is_some_and(|t| same(t, &rests[rest..rest + more]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(words: &[&str], text: &str) -> Vec<(u32, usize)> {
        let mut out = Vec::new();
        Lexicon::new(words).find_all(text, |id, at| out.push((id, at)));
        out
    }

    #[test]
    fn finds_every_place_overlapping_ones_too() {
        let words = ["公开", "主动公开", "信息", "公", "政府信息", "a"];
        let text = "本机关主动公开政府信息a条";
        // 主动公开 at 9, 公 and 公开 at 15, 政府信息 at 21, 信息 at 27, a at 33.
        assert_eq!(all(&words, text), vec![(1, 9), (0, 15), (3, 15), (4, 21), (2, 27), (5, 33)]);
    }

    #[test]
    fn a_word_cut_by_the_texts_end_is_not_found_and_nothing_panics() {
        assert_eq!(all(&["公开信息"], "主动公开信"), vec![]);
        assert_eq!(all(&["😀x", "é"], "é😀x😀"), vec![(1, 0), (0, 2)]);
        assert_eq!(all(&["", "x"], ""), vec![]);
    }

    proptest::proptest! {
        // Characters of one to four bytes, words that share their first characters, words cut
        // by the text's end: every place, as comparing at every character boundary finds them.
        #[test]
        fn find_all_agrees_with_a_naive_search(
            text in crate::testing::texts("公开信息é😀a,\0", 30),
            words in proptest::collection::vec(crate::testing::texts("公开信息é😀a,\0", 6), 1..8),
        ) {
            let mut naive = Vec::new();
            for (at, _) in text.char_indices() {
                for (id, w) in words.iter().enumerate() {
                    if !w.is_empty() && text[at..].starts_with(w.as_str()) {
                        naive.push((id as u32, at));
                    }
                }
            }
            let mut ours = Vec::new();
            Lexicon::new(&words).find_all(&text, |id, at| ours.push((id, at)));
            proptest::prop_assert_eq!(ours, naive);
        }

        #[test]
        fn find_and_rfind_agree_with_str(
            text in crate::testing::texts("其中申请件中其申中请a,", 40),
            word in crate::testing::texts("其中申请a", 4),
        ) {
            proptest::prop_assert_eq!(find(&text, &word), text.find(word.as_str()));
            proptest::prop_assert_eq!(rfind(&text, &word), text.rfind(word.as_str()));
            proptest::prop_assert_eq!(contains(&text, &word), text.contains(word.as_str()));
        }
    }

    // The text is read a block at a time (`BLOCK` bytes): words that stand across the end of a
    // block, characters cut by it, and the text's last bytes are found as in one piece.
    #[test]
    fn long_texts_are_found_across_the_blocks() {
        let words = ["公开", "政府信息公开", "申请", "件", "a", "é", "😀", "开申"];
        for lead in 0..4 {
            let mut text = "x".repeat(lead);
            while text.len() < 3 * BLOCK + 100 {
                text.push_str("政府信息公开申请12件,aé😀公");
            }
            let mut naive = Vec::new();
            for (at, _) in text.char_indices() {
                for (id, w) in words.iter().enumerate() {
                    if text[at..].starts_with(w) {
                        naive.push((id as u32, at));
                    }
                }
            }
            assert_eq!(all(&words, &text), naive, "lead {lead}");
        }
    }

    #[test]
    fn finds_what_a_naive_search_finds() {
        // Every place every word stands, by comparing the word at every character boundary.
        let words = ["申请", "申请人", "件", "行政复议", "复议", "政府", "人民政府", "，", "。"];
        let text = "全市人民政府共收到政府信息公开申请12件，申请人撤回3件；行政复议1件。复议维持。";
        let mut naive = Vec::new();
        for (at, _) in text.char_indices() {
            for (id, w) in words.iter().enumerate() {
                if text[at..].starts_with(w) {
                    naive.push((id as u32, at));
                }
            }
        }
        assert_eq!(all(&words, text), naive);
    }
}
