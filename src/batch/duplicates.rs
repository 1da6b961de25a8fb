//! The same report twice: digests with one hash of normalised text (`Digest::text_hash`), so a
//! report saved as a web page and as a PDF, or in two encodings, is found too.
//!
//! Takes the digests; gives `batch.duplicate` findings, and the reports that stand for each text
//! (the first of each), which the other checks and the roll-up use so that nothing counts twice.

use super::{BatchFinding, Digest};
use crate::model::Severity;
use std::collections::HashMap;

/// One `batch.duplicate` per text given more than once.
pub fn check(reports: &[Digest]) -> Vec<BatchFinding> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_hash: HashMap<u64, usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        match by_hash.get(&r.text_hash) {
            Some(&g) => groups[g].push(i),
            None => {
                by_hash.insert(r.text_hash, groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|g| {
            let files: Vec<String> = g.iter().map(|&i| reports[i].file.clone()).collect();
            BatchFinding::new(
                "batch.duplicate",
                Severity::Warning,
                format!(
                    "同一份报告出现了 {} 次（正文相同）：{}；对比和汇总只计第一份",
                    files.len(),
                    files.join("、")
                ),
                files,
            )
        })
        .collect()
}

/// Indices of the first report of each distinct text, in order.
pub fn first_of_each(reports: &[Digest]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    (0..reports.len()).filter(|&i| seen.insert(reports[i].text_hash)).collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::digest;
    use super::*;

    #[test]
    fn a_copy_under_another_name_is_one_report() {
        let a = digest("淮安市人民政府", 2023, [40, 2, 30, 5], "本机关推进政务公开工作。");
        let mut b = a.clone();
        b.file = "copy.txt".into();
        let c = digest("淮安市人民政府", 2022, [40, 2, 30, 5], "本机关推进政务公开工作。");
        let reports = [a, c, b];
        let found = check(&reports);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].reports, ["淮安市人民政府-2023.txt", "copy.txt"]);
        assert_eq!(first_of_each(&reports), [0, 1]);
    }
}
