//! Text carried over from last year: the share of a report's sentences that last year's report
//! of the same agency has word for word (after folding: script, width and white space do not
//! count). Evaluators meet reports that are up to 90 % last year's text.
//!
//! Takes a pair of consecutive years; gives the share ([`Repeated`]) and a `yoy.repeated_text`
//! finding from [`NOTE_AT`] (info) or [`WARN_AT`] (warning) on, with the repeated sentences'
//! spans in this year's report. Only sentences of some length count (see `Digest::sentences`).

use super::{BatchFinding, Digest, ReportSpan, YearPair};
use crate::model::{Severity, Span};
use std::collections::HashSet;

/// From this share on, the repetition is noted (info).
pub const NOTE_AT: f64 = 0.3;
/// From this share on, it is a warning.
pub const WARN_AT: f64 = 0.5;
/// A report needs this many sentences that count before a share means anything.
const MIN_SENTENCES: usize = 5;

/// How much of a report repeats last year's.
pub struct Repeated {
    /// Sentences of this year's report that count.
    pub total: usize,
    /// The repeated ones, in text order.
    pub spans: Vec<Span>,
}

impl Repeated {
    pub fn share(&self) -> f64 {
        self.spans.len() as f64 / self.total as f64
    }
}

/// The repeated sentences of `current` (none when it has too few sentences to say).
pub fn share(previous: &Digest, current: &Digest) -> Option<Repeated> {
    if current.sentences.len() < MIN_SENTENCES {
        return None;
    }
    let before: HashSet<u64> = previous.sentences.iter().map(|(h, _)| *h).collect();
    let spans = current
        .sentences
        .iter()
        .filter(|(h, _)| before.contains(h))
        .map(|(_, span)| *span)
        .collect();
    Some(Repeated { total: current.sentences.len(), spans })
}

pub(crate) fn check(pair: &YearPair) -> Vec<BatchFinding> {
    let Some(r) = share(pair.previous, pair.current) else { return Vec::new() };
    let share = r.share();
    if share < NOTE_AT {
        return Vec::new();
    }
    let mut f = BatchFinding::new(
        "yoy.repeated_text",
        if share >= WARN_AT { Severity::Warning } else { Severity::Info },
        format!(
            "{}{}年报告有 {} 句（占 {:.0}%）与{}年报告一字不差",
            pair.agency,
            pair.year,
            r.spans.len(),
            share * 100.0,
            pair.year - 1
        ),
        vec![pair.previous.file.clone(), pair.current.file.clone()],
    );
    f.spans = r
        .spans
        .into_iter()
        .map(|span| ReportSpan { report: pair.current.file.clone(), span })
        .collect();
    vec![f]
}

#[cfg(test)]
mod tests {
    use super::super::tests::{digest, pair};
    use super::*;

    const SAME: [&str; 4] = [
        "本机关高度重视政府信息公开工作，成立了以主要负责同志为组长的领导小组。",
        "严格落实政府信息公开属性源头认定机制，做到应公开尽公开。",
        "进一步完善政府信息公开申请办理流程，提高答复质量。",
        "加强政策解读和回应关切，及时回应社会公众关注的热点问题。",
    ];

    #[test]
    fn four_of_six_sentences_repeated_in_another_script() {
        let before = SAME.join("");
        let now = format!(
            "{}今年新增了政务公开专区建设的有关内容。今年还开展了基层政务公开标准化规范化工作。",
            crate::normalize::fold(&SAME.join("")).replace("机关", "機關")
        );
        let prev = digest("淮安市人民政府", 2022, [40, 2, 30, 5], &before);
        let cur = digest("淮安市人民政府", 2023, [41, 5, 30, 4], &now);
        let r = share(&prev, &cur).unwrap();
        // The title line counts too: 7 sentences, 4 repeated.
        assert_eq!((r.spans.len(), r.total), (4, 7));
        let years = pair(&prev, &cur, 2023);
        let f = &check(&years)[0];
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.message, "淮安市人民政府2023年报告有 4 句（占 57%）与2022年报告一字不差");
        let text = &crate::batch::tests::report("淮安市人民政府", 2023, [41, 5, 30, 4], &now).text;
        assert_eq!(crate::slice_chars(text, f.spans[1].span), crate::normalize::fold(SAME[1]));
    }
}
