//! Zip archives → their member files, within caps that a zip bomb cannot get past.
//!
//! Takes the bytes of a `.zip`; gives its members one at a time ([`open`] → [`Members`]), each
//! with its path in the archive and its bytes, or the Chinese reason it was not unpacked. The
//! command line (`nianbao extract 年报.zip`) and the page (the wasm layer's `unzip`) both read
//! archives through here; `.docx` reading uses [`read_capped`] for its `word/document.xml`.
//!
//! What is skipped: folders, hidden files (`.x`), `__MACOSX/`. Names that are not UTF-8 are
//! read as GBK (archives made on Chinese Windows). Archives inside the archive are members like
//! any other (never opened recursively).
//!
//! Caps, checked while inflating (a member's header may lie about its size):
//! - a member unpacks to at most [`MEMBER_MAX`] bytes, and to at most [`RATIO_MAX`] times its
//!   compressed size once past [`RATIO_FREE`] (text deflates about 3–10 times; a bomb of zeros
//!   about a thousand times);
//! - all members together to at most [`TOTAL_MAX`] bytes, and at most [`MEMBERS_MAX`] members
//!   are read; past either, one last member says what was left out.

use crate::error::{Error, ErrorKind};
use std::io::{Cursor, Read};

/// Largest member unpacked.
pub const MEMBER_MAX: u64 = 200 << 20;
/// Largest total unpacked from one archive.
pub const TOTAL_MAX: u64 = 1 << 30;
/// Largest ratio of unpacked to packed size …
pub const RATIO_MAX: u64 = 100;
/// … once a member has unpacked to more than this.
pub const RATIO_FREE: u64 = 1 << 20;
/// Most members read from one archive.
pub const MEMBERS_MAX: usize = 10_000;

/// One file of an archive.
#[derive(Debug)]
pub struct Member {
    /// Its path inside the archive (`报告/2016/年报.txt`).
    pub name: String,
    /// Its bytes, or why they were not unpacked.
    pub content: Result<Vec<u8>, Error>,
}

/// The members of an archive, unpacked one at a time (see the module doc for the caps).
pub struct Members<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    next: usize,
    read: usize,
    total: u64,
    done: bool,
}

/// Opens an archive.
///
/// # Errors
/// [`ErrorKind::ArchiveUnreadable`] when the bytes are no zip archive.
pub fn open(bytes: &[u8]) -> Result<Members<'_>, Error> {
    let zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::new(ErrorKind::ArchiveUnreadable, format!("{e}")))?;
    Ok(Members { zip, next: 0, read: 0, total: 0, done: false })
}

impl Iterator for Members<'_> {
    type Item = Member;

    fn next(&mut self) -> Option<Member> {
        let count = self.zip.len();
        while !self.done && self.next < count {
            let i = self.next;
            self.next += 1;
            let mut file = match self.zip.by_index(i) {
                Ok(f) => f,
                Err(e) => {
                    return Some(Member {
                        name: format!("第{}个文件", i + 1),
                        content: Err(Error::new(ErrorKind::ArchiveUnreadable, format!("{e}"))),
                    })
                }
            };
            let name = member_name(file.name_raw());
            let base = name.rsplit('/').next().unwrap_or("");
            if file.is_dir()
                || base.is_empty()
                || base.starts_with('.')
                || name.starts_with("__MACOSX/")
            {
                continue;
            }
            if self.read == MEMBERS_MAX || self.total >= TOTAL_MAX {
                self.done = true;
                let why = if self.read == MEMBERS_MAX {
                    format!("压缩包中的文件超过 {MEMBERS_MAX} 个")
                } else {
                    format!("压缩包解压总量已达 {} MB 的上限", TOTAL_MAX >> 20)
                };
                let left = count - i;
                return Some(Member {
                    name,
                    content: Err(Error::new(
                        ErrorKind::TooLarge,
                        format!("{why}，此文件及其后的 {left} 项未解压"),
                    )),
                });
            }
            self.read += 1;
            let cap = MEMBER_MAX.min(TOTAL_MAX - self.total);
            let packed = file.compressed_size();
            let claimed = file.size();
            let mut inflated = 0;
            let content = inflate(&mut file, packed, cap, claimed, &mut inflated);
            // What was inflated counts, kept or not: members that each stop at their cap
            // cannot add up to more work than the total.
            self.total += inflated;
            return Some(Member { name, content });
        }
        None
    }
}

/// Reads one member, counting as it inflates: at most `cap` bytes, and at most [`RATIO_MAX`]
/// times `packed` past [`RATIO_FREE`]. `claimed` (the header's size) only sizes the buffer.
///
/// # Errors
/// [`ErrorKind::TooLarge`] past a cap (a zip bomb), [`ErrorKind::ArchiveUnreadable`] when the
/// data does not inflate.
pub fn read_capped(
    reader: &mut impl Read,
    packed: u64,
    cap: u64,
    claimed: u64,
) -> Result<Vec<u8>, Error> {
    inflate(reader, packed, cap, claimed, &mut 0)
}

/// [`read_capped`], adding the bytes inflated (kept or not) to `inflated`.
fn inflate(
    reader: &mut impl Read,
    packed: u64,
    cap: u64,
    claimed: u64,
    inflated: &mut u64,
) -> Result<Vec<u8>, Error> {
    let ratio_cap = packed.saturating_mul(RATIO_MAX).max(RATIO_FREE);
    let limit = cap.min(ratio_cap);
    let mut out = Vec::with_capacity(claimed.min(limit).min(64 << 20) as usize);
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) => {
                *inflated += n as u64;
                n
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(Error::new(ErrorKind::ArchiveUnreadable, format!("无法解压（{e}）")))
            }
        };
        if (out.len() + n) as u64 > limit {
            let why = if limit == ratio_cap && ratio_cap < cap {
                format!(
                    "解压后超过压缩大小的 {RATIO_MAX} 倍（{} KB 压缩数据），疑似“压缩炸弹”，未解压",
                    packed.div_ceil(1024)
                )
            } else {
                format!("解压后超过 {} MB，未解压", limit >> 20)
            };
            return Err(Error::new(ErrorKind::TooLarge, why));
        }
        out.extend_from_slice(&chunk[..n]);
    }
}

/// A member's path: UTF-8, else GBK.
fn member_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => super::charset::decode_as(super::charset::Charset::Gbk, raw).0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        for (name, bytes) in files {
            let deflated = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            w.start_file(*name, deflated).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        buf.into_inner()
    }

    #[test]
    fn members_in_order_without_folders_and_hidden_files() {
        let bytes = zip_of(&[
            ("报告/a.txt", "收到申请12件".as_bytes()),
            ("__MACOSX/报告/._a.txt", b"junk"),
            ("报告/.DS_Store", b"junk"),
            ("b.pdf", b"%PDF-1.4"),
        ]);
        let got: Vec<(String, Vec<u8>)> =
            open(&bytes).unwrap().map(|m| (m.name, m.content.unwrap())).collect();
        assert_eq!(
            got,
            [
                ("报告/a.txt".to_string(), "收到申请12件".as_bytes().to_vec()),
                ("b.pdf".to_string(), b"%PDF-1.4".to_vec())
            ]
        );
    }

    #[test]
    fn not_a_zip_is_unreadable() {
        assert_eq!(open(b"PK\x03\x04junk").err().unwrap().kind, ErrorKind::ArchiveUnreadable);
    }

    #[test]
    fn a_bomb_stops_at_the_ratio_while_inflating() {
        // 8 MB of zeros deflate to about 8 KB: a ratio of about 1000.
        let zeros = vec![0u8; 8 << 20];
        let bytes = zip_of(&[("bomb.txt", &zeros), ("ok.txt", "收到申请12件".as_bytes())]);
        let members: Vec<Member> = open(&bytes).unwrap().collect();
        let err = members[0].content.as_ref().unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert!(err.to_string().contains("压缩炸弹"), "{err}");
        assert!(members[1].content.is_ok(), "the next member is still read");
    }

    #[test]
    fn the_cap_holds_whatever_the_header_claims() {
        let mut reader = Cursor::new(vec![7u8; 3 << 20]);
        // Claimed and packed sizes as a lying header would give them.
        let err = read_capped(&mut reader, 3 << 20, 2 << 20, 10).unwrap_err();
        assert_eq!(err.kind, ErrorKind::TooLarge);
        assert!(err.detail.contains("2 MB"), "{err}");
        let mut reader = Cursor::new(vec![7u8; 1000]);
        assert_eq!(read_capped(&mut reader, 10, 1 << 20, u64::MAX).unwrap().len(), 1000);
    }

    #[test]
    fn gbk_names() {
        let (gbk, _, _) = encoding_rs::GBK.encode("报告/年报.txt");
        assert_eq!(member_name(&gbk), "报告/年报.txt");
        assert_eq!(member_name("年报.txt".as_bytes()), "年报.txt");
    }
}
