//! libFuzzer target: any bytes through `nianbao::analyze`, then the invariants of tests/fuzz.rs:
//! no panic, every span inside the text, every quote equal to the text at its span.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = nianbao::analyze(data, "fuzz.txt") else { return };
    let chars: Vec<char> = report.text.chars().collect();
    let n = chars.len();
    for ind in &report.indicators {
        assert!(ind.span[0] <= ind.span[1] && ind.span[1] <= n, "indicator span {:?} outside {n}", ind.span);
        let at: String = chars[ind.span[0]..ind.span[1]].iter().collect();
        assert_eq!(at, ind.quote, "quote of {}", ind.key);
    }
    for f in &report.figures {
        assert!(f.span[1] <= n && f.span[0] <= f.span[1] && f.sentence[1] <= n, "figure span {:?}", f.span);
    }
    for f in &report.findings {
        for s in &f.spans {
            assert!(s[0] <= s[1] && s[1] <= n, "finding {} span {s:?}", f.id);
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = nianbao::analyze_text(text, "fuzz.txt");
    }
});
