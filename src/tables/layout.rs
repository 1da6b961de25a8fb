//! The official layouts of the standard tables, as data.
//!
//! Takes nothing; gives the row and column tables the reader matches against: one row per label
//! with its indicator key and the words that identify it (matched on normalised text: simplified,
//! half-width, white space removed), the official label beside it as the example.
//!
//! Keyword syntax: a plain word matches when the row label contains it; `=word` matches only
//! when the label, stripped of its numbering (`1.` `3、` `(六)`), is exactly that word.

/// Columns of table 3 (applicants), in the official order.
pub const APPLICANT_COLUMNS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "public_interest",
    "legal_service",
    "other_org",
    "total",
];

/// Chinese names of the applicant columns, for messages.
pub const APPLICANT_NAMES: [&str; 7] =
    ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

/// What a row of table 3 is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 一 本年新收
    Received,
    /// 二 上年结转
    CarriedIn,
    /// An outcome row counted directly in （七）总计: （一）（二）.
    Outcome,
    /// A group total （三）（四）（五）（六）: not in the 2021 template, the whole （六） row of 2019.
    GroupTotal(Group),
    /// An item of a group (（三）1 …).
    Item(Group),
    /// （七）总计
    Total,
    /// 四 结转下年度继续办理
    CarriedOut,
}

/// The outcome groups that have items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Denied,
    Unable,
    NotProcessed,
    Other,
}

impl Group {
    pub const ALL: [Group; 4] = [Group::Denied, Group::Unable, Group::NotProcessed, Group::Other];

    /// The template label of the group.
    pub fn label(self) -> &'static str {
        match self {
            Group::Denied => "（三）不予公开",
            Group::Unable => "（四）无法提供",
            Group::NotProcessed => "（五）不予处理",
            Group::Other => "（六）其他处理",
        }
    }

    /// The indicator key of the group as a whole.
    pub fn key(self) -> &'static str {
        match self {
            Group::Denied => "apply.result.denied",
            Group::Unable => "apply.result.unable",
            Group::NotProcessed => "apply.result.not_processed",
            Group::Other => "apply.result.other",
        }
    }
}

/// One row of table 3.
#[derive(Debug, Clone, Copy)]
pub struct Row3 {
    /// The label as in the official template.
    pub label: &'static str,
    pub key: &'static str,
    pub role: Role,
    /// Words that identify the row (see the module doc).
    pub words: &'static [&'static str],
}

/// Table 3 of both layouts, in template order. The 2019 layout has （六）其他处理 as one row (the
/// `GroupTotal(Other)` row here); the 2021 layout has its items 1–3 instead. Group totals of
/// （三）（四）（五） are in neither template but some reports add them.
#[rustfmt::skip]
pub const TABLE3: &[Row3] = &[
    Row3 { label: "一、本年新收政府信息公开申请数量", key: "apply.received", role: Role::Received, words: &["本年新收", "本年度新收", "新收政府信息"] },
    Row3 { label: "二、上年结转政府信息公开申请数量", key: "apply.carried_in", role: Role::CarriedIn, words: &["上年结转", "上年度结转"] },
    Row3 { label: "（一）予以公开", key: "apply.result.granted", role: Role::Outcome, words: &["予以公开"] },
    Row3 { label: "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", key: "apply.result.partial", role: Role::Outcome, words: &["部分公开"] },
    Row3 { label: "（三）不予公开", key: "apply.result.denied", role: Role::GroupTotal(Group::Denied), words: &["=不予公开"] },
    Row3 { label: "1.属于国家秘密", key: "apply.result.denied.state_secret", role: Role::Item(Group::Denied), words: &["国家秘密"] },
    Row3 { label: "2.其他法律行政法规禁止公开", key: "apply.result.denied.law_prohibited", role: Role::Item(Group::Denied), words: &["禁止公开", "法律行政法规"] },
    Row3 { label: "3.危及“三安全一稳定”", key: "apply.result.denied.three_safety", role: Role::Item(Group::Denied), words: &["三安全", "一稳定", "危及"] },
    Row3 { label: "4.保护第三方合法权益", key: "apply.result.denied.third_party", role: Role::Item(Group::Denied), words: &["第三方"] },
    Row3 { label: "5.属于三类内部事务信息", key: "apply.result.denied.internal_affairs", role: Role::Item(Group::Denied), words: &["内部事务"] },
    Row3 { label: "6.属于四类过程性信息", key: "apply.result.denied.process_info", role: Role::Item(Group::Denied), words: &["过程性"] },
    Row3 { label: "7.属于行政执法案卷", key: "apply.result.denied.enforcement_file", role: Role::Item(Group::Denied), words: &["执法案卷"] },
    Row3 { label: "8.属于行政查询事项", key: "apply.result.denied.admin_query", role: Role::Item(Group::Denied), words: &["查询事项"] },
    Row3 { label: "（四）无法提供", key: "apply.result.unable", role: Role::GroupTotal(Group::Unable), words: &["=无法提供"] },
    Row3 { label: "1.本机关不掌握相关政府信息", key: "apply.result.unable.not_held", role: Role::Item(Group::Unable), words: &["不掌握"] },
    Row3 { label: "2.没有现成信息需要另行制作", key: "apply.result.unable.needs_creation", role: Role::Item(Group::Unable), words: &["另行制作", "没有现成"] },
    Row3 { label: "3.补正后申请内容仍不明确", key: "apply.result.unable.unclear", role: Role::Item(Group::Unable), words: &["仍不明确", "补正后"] },
    Row3 { label: "（五）不予处理", key: "apply.result.not_processed", role: Role::GroupTotal(Group::NotProcessed), words: &["=不予处理"] },
    Row3 { label: "1.信访举报投诉类申请", key: "apply.result.not_processed.complaint", role: Role::Item(Group::NotProcessed), words: &["信访", "举报投诉"] },
    Row3 { label: "2.重复申请", key: "apply.result.not_processed.repeated", role: Role::Item(Group::NotProcessed), words: &["=重复申请"] },
    Row3 { label: "3.要求提供公开出版物", key: "apply.result.not_processed.publication", role: Role::Item(Group::NotProcessed), words: &["出版物"] },
    Row3 { label: "4.无正当理由大量反复申请", key: "apply.result.not_processed.mass_repeated", role: Role::Item(Group::NotProcessed), words: &["大量反复", "反复申请"] },
    Row3 { label: "5.要求行政机关确认或重新出具已获取信息", key: "apply.result.not_processed.confirm", role: Role::Item(Group::NotProcessed), words: &["重新出具", "确认或重新"] },
    Row3 { label: "（六）其他处理", key: "apply.result.other", role: Role::GroupTotal(Group::Other), words: &["=其他处理"] },
    Row3 { label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", key: "apply.result.other.overdue_correction", role: Role::Item(Group::Other), words: &["逾期不补", "不补正"] },
    Row3 { label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", key: "apply.result.other.overdue_fee", role: Role::Item(Group::Other), words: &["收费通知", "缴纳费用"] },
    Row3 { label: "3.其他", key: "apply.result.other.other", role: Role::Item(Group::Other), words: &["=其他"] },
    Row3 { label: "（七）总计", key: "apply.result.total", role: Role::Total, words: &["总计"] },
    Row3 { label: "四、结转下年度继续办理", key: "apply.carried_out", role: Role::CarriedOut, words: &["结转下年", "下年度继续"] },
];

/// One column of a table-2 row.
#[derive(Debug, Clone, Copy)]
pub struct Col2 {
    /// Column id; the indicator key is `row key + "." + id`.
    pub id: &'static str,
    /// The header as in the template.
    pub header: &'static str,
    /// Money stated in 万元 (converted to 元) rather than a count.
    pub money: bool,
    /// May be negative (本年增/减).
    pub signed: bool,
}

const fn count(id: &'static str, header: &'static str) -> Col2 {
    Col2 { id, header, money: false, signed: false }
}

/// One row of table 2.
#[derive(Debug, Clone, Copy)]
pub struct Row2 {
    pub label: &'static str,
    /// Key prefix: `std.rules` → `std.rules.issued`.
    pub key: &'static str,
    pub words: &'static [&'static str],
    pub columns: &'static [Col2],
}

const DECISIONS_2021: &[Col2] = &[count("decisions", "本年处理决定数量")];
const FILES_2021: &[Col2] = &[
    count("issued", "本年制发件数"),
    count("repealed", "本年废止件数"),
    count("in_force", "现行有效件数"),
];
const FILES_2019: &[Col2] = &[
    count("new_made", "本年新制作数量"),
    count("new_published", "本年新公开数量"),
    count("total_public", "对外公开总数量"),
];
const ITEMS_2019: &[Col2] = &[
    count("previous", "上一年项目数量"),
    Col2 { id: "change", header: "本年增/减", money: false, signed: true },
    count("decisions", "处理决定数量"),
];

/// Table 2, 2021 layout (第二十条第（一）（五）（六）（八）项).
#[rustfmt::skip]
pub const TABLE2_2021: &[Row2] = &[
    Row2 { label: "规章", key: "std.rules", words: &["规章"], columns: FILES_2021 },
    Row2 { label: "行政规范性文件", key: "std.normative", words: &["规范性文件"], columns: FILES_2021 },
    Row2 { label: "行政许可", key: "std.license", words: &["行政许可"], columns: DECISIONS_2021 },
    Row2 { label: "行政处罚", key: "std.penalty", words: &["行政处罚"], columns: DECISIONS_2021 },
    Row2 { label: "行政强制", key: "std.coercion", words: &["行政强制"], columns: DECISIONS_2021 },
    Row2 { label: "行政事业性收费", key: "std.fees", words: &["事业性收费"],
           columns: &[Col2 { id: "amount", header: "本年收费金额（单位：万元）", money: true, signed: false }] },
];

/// Table 2, 2019 trial layout (第二十条第（一）（五）（六）（八）（九）项). Its keys that the
/// spec lacks close `src/rules/indicators.tsv` (`used_in` = `standard2019`).
#[rustfmt::skip]
pub const TABLE2_2019: &[Row2] = &[
    Row2 { label: "规章", key: "std.rules", words: &["规章"], columns: FILES_2019 },
    Row2 { label: "规范性文件", key: "std.normative", words: &["规范性文件"], columns: FILES_2019 },
    Row2 { label: "行政许可", key: "std.license", words: &["行政许可"], columns: ITEMS_2019 },
    Row2 { label: "其他对外管理服务事项", key: "std.other_services", words: &["对外管理服务", "其他对外管理"], columns: ITEMS_2019 },
    Row2 { label: "行政处罚", key: "std.penalty", words: &["行政处罚"], columns: ITEMS_2019 },
    Row2 { label: "行政强制", key: "std.coercion", words: &["行政强制"], columns: ITEMS_2019 },
    Row2 { label: "行政事业性收费", key: "std.fees", words: &["事业性收费"],
           columns: &[count("previous", "上一年项目数量"), Col2 { id: "change", header: "本年增/减", money: false, signed: true }] },
    Row2 { label: "政府集中采购", key: "std.procurement", words: &["集中采购"],
           columns: &[count("items", "采购项目数量"), Col2 { id: "amount", header: "采购总金额", money: true, signed: false }] },
];

/// Header words that tell the 2019 table 2 from the 2021 one (example: `本年新制作数量`).
pub const TABLE2_2019_HEADERS: &[&str] =
    &["本年新制作", "本年新公开", "对外公开总数", "上一年项目数量", "采购项目数量"];
/// … and the 2021 one (example: `本年制发件数`).
pub const TABLE2_2021_HEADERS: &[&str] = &["本年制发", "本年废止", "现行有效"];

/// Table 4 groups, in the official order: (label, key prefix, words).
#[rustfmt::skip]
pub const TABLE4_GROUPS: &[(&str, &str, &[&str])] = &[
    ("行政复议", "reconsideration", &["=行政复议"]),
    ("行政诉讼·未经复议直接起诉", "litigation.direct", &["直接起诉"]),
    ("行政诉讼·复议后起诉", "litigation.after_review", &["复议后起诉"]),
];

/// Table 4 columns of each group, in the official order: (id, header, words of a transposed row).
#[rustfmt::skip]
pub const TABLE4_COLUMNS: &[(&str, &str, &[&str])] = &[
    ("upheld", "结果维持", &["维持"]),
    ("corrected", "结果纠正", &["纠正"]),
    ("other", "其他结果", &["其他结果"]),
    ("pending", "尚未审结", &["审结"]),
    ("total", "总计", &["总计"]),
];

/// Where each table starts and ends, as words of a line (normalised).
pub mod anchors {
    /// Table 2 starts at the first line with one of these (`第二十条第(一)项`, `信息内容`).
    pub const TABLE2_START: &[&str] = &["第二十条", "信息内容"];
    /// Table 3 starts at its first row (`一、本年新收政府信息公开申请数量`); its header lines
    /// come before, they hold no figures.
    pub const TABLE3_START: &[&str] = &["本年新收", "本年度新收", "新收政府信息公开申请"];
    /// The heading of section 三 ends table 2 when table 3 is missing.
    pub const SECTION3: &[&str] = &["收到和处理政府信息公开申请"];
    /// Table 4 starts at the first line after table 3 naming 行政复议 (heading or header).
    pub const TABLE4_START: &[&str] = &["行政复议"];
    /// Table 4 ends at section 五.
    pub const SECTION5: &[&str] = &["存在的主要问题", "主要问题及改进"];
}

/// Strips a row label of its numbering (`1.` `3、` `(六)` `一、`) and white space.
pub fn bare_label(label: &str) -> String {
    let s: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    let mut rest = s.as_str();
    loop {
        let before = rest.len();
        rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        rest = rest.trim_start_matches(['.', '、', ',']);
        if let Some(r) = rest.strip_prefix('(') {
            if let Some(end) = r.find(')') {
                if r[..end].chars().all(|c| "一二三四五六七八九十0123456789".contains(c))
                {
                    rest = &r[end + 1..];
                }
            }
        }
        if let Some(i) = rest.find('、') {
            if rest[..i].chars().all(|c| "一二三四五六七八九十".contains(c)) && i > 0 {
                rest = &rest[i + '、'.len_utf8()..];
            }
        }
        if rest.len() == before {
            break;
        }
    }
    rest.to_string()
}

/// True when a label (normalised) is named by one of `words` (see the module doc).
pub fn names(label: &str, words: &[&str]) -> bool {
    let compact: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    words.iter().any(|w| match w.strip_prefix('=') {
        Some(exact) => bare_label(&compact) == exact,
        None => compact.contains(w),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold;

    fn known(key: &str) -> bool {
        crate::model::Key::parse(key).is_some()
    }

    #[test]
    fn every_official_label_is_named_by_its_own_row_only() {
        // Each template label, folded as the reader sees it, matches its row and no other row.
        for (i, row) in TABLE3.iter().enumerate() {
            let label = fold(row.label);
            let hits: Vec<usize> = TABLE3
                .iter()
                .enumerate()
                .filter(|(_, r)| names(&label, r.words))
                .map(|(j, _)| j)
                .collect();
            assert_eq!(hits, vec![i], "{} is named by rows {:?}", row.label, hits);
        }
        for table in [TABLE2_2021, TABLE2_2019] {
            for (i, row) in table.iter().enumerate() {
                let hits: Vec<usize> = table
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| names(row.label, r.words))
                    .map(|(j, _)| j)
                    .collect();
                assert_eq!(hits, vec![i], "{}", row.label);
            }
        }
    }

    #[test]
    fn keys_are_in_the_vocabulary() {
        for row in TABLE3 {
            assert!(known(row.key), "{}", row.key);
        }
        for row in TABLE2_2021.iter().chain(TABLE2_2019) {
            for c in row.columns {
                let key = format!("{}.{}", row.key, c.id);
                assert!(known(&key), "{key}");
            }
        }
        for (_, g, _) in TABLE4_GROUPS {
            for (c, _, _) in TABLE4_COLUMNS {
                assert!(known(&format!("{g}.{c}")), "{g}.{c}");
            }
        }
    }

    #[test]
    fn labels_lose_their_numbering() {
        assert_eq!(bare_label("3、其他"), "其他");
        assert_eq!(bare_label("(六)其他处理"), "其他处理");
        assert_eq!(bare_label("2.重复申请"), "重复申请");
        assert_eq!(bare_label("三、本年度办理结果"), "本年度办理结果");
        assert!(!names("2.其他法律行政法规禁止公开", &["=其他"]));
        assert!(names("3.其他", &["=其他"]));
    }
}
