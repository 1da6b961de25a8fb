//! Which files of a folder or archive are reports, by their names, and why the others are left
//! out: the message a reviewer sees for each file skipped (an old .doc must be saved as .docx, a
//! photo needs OCR first), the same in the command line and the page (which gets the table from
//! the wasm module).
//!
//! Takes a file name; gives whether it is read ([`READ`]), left out silently (system files), or
//! left out with a reason ([`SKIPPED`]).

/// Extensions read as reports (a file given on its own is always tried, whatever its name).
pub const READ: &[&str] = &["txt", "text", "htm", "html", "shtml", "xhtml", "docx", "pdf"];

/// Extensions left out, with the reason in Chinese.
#[rustfmt::skip]
pub const SKIPPED: &[(&[&str], &str)] = &[
    (&["doc", "wps", "dot", "wpt", "rtf"], "旧版 Word/WPS 文件，无法直接读取：请在 Word 或 WPS 中另存为 .docx 后再分析"),
    (&["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "heic"], "图片不含可读取的文字：请先进行文字识别（OCR），另存为 .docx 或 .txt 后再分析"),
    (&["ofd"], "OFD 版式文件暂不支持：请用阅读器另存为 PDF 后再分析"),
    (&["xls", "xlsx", "et", "csv"], "表格文件，不是年度报告"),
    (&["ppt", "pptx", "dps"], "演示文稿，不是年度报告"),
    (&["rar", "7z", "gz", "tar"], "此类压缩包无法直接读取：请先解压，或改用 .zip"),
    (&["mht", "mhtml"], "网页存档（.mht）暂不支持：请在浏览器中另存为“网页，仅 HTML”（.html）后再分析"),
];

/// What is said of any other file.
pub const OTHER: &str =
    "不是支持的报告格式（支持 .txt、网页 .html、Word .docx、PDF 和 .zip 压缩包）";

/// What to do with a file met in a folder or an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A report format: read it.
    Read,
    /// A .zip archive: open it.
    Archive,
    /// A file the system keeps (`.DS_Store`, `Thumbs.db`, `__MACOSX/`): left out silently.
    System,
    /// Left out, for this reason.
    Skip(&'static str),
}

/// The verdict for a path (`/`-separated; only its last part and hidden folders matter).
pub fn verdict(path: &str) -> Verdict {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let hidden = path.split(['/', '\\']).any(|p| p.starts_with('.') || p == "__MACOSX");
    if hidden || name.eq_ignore_ascii_case("Thumbs.db") || name.eq_ignore_ascii_case("desktop.ini")
    {
        return Verdict::System;
    }
    let ext = match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    };
    if READ.contains(&ext.as_str()) {
        return Verdict::Read;
    }
    if ext == "zip" {
        return Verdict::Archive;
    }
    Verdict::Skip(
        SKIPPED.iter().find(|(exts, _)| exts.contains(&ext.as_str())).map_or(OTHER, |(_, why)| why),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_file_has_its_verdict() {
        assert_eq!(verdict("报告/2016/年报.TXT"), Verdict::Read);
        assert_eq!(verdict("年报.pdf"), Verdict::Read);
        assert_eq!(verdict("年报.zip"), Verdict::Archive);
        assert_eq!(verdict("__MACOSX/._年报.txt"), Verdict::System);
        assert_eq!(verdict("报告/.DS_Store"), Verdict::System);
        assert_eq!(verdict("Thumbs.db"), Verdict::System);
        let Verdict::Skip(why) = verdict("2015年报.doc") else { panic!() };
        assert!(why.contains("另存为 .docx"));
        let Verdict::Skip(why) = verdict("扫描件.JPG") else { panic!() };
        assert!(why.contains("OCR"));
        assert_eq!(verdict("说明.md"), Verdict::Skip(OTHER));
    }

    #[test]
    fn no_extension_is_listed_twice() {
        let mut all: Vec<&str> = READ.to_vec();
        all.extend(SKIPPED.iter().flat_map(|(exts, _)| exts.iter().copied()));
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
