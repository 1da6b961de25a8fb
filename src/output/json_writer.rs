//! The JSON writer of [`super::json`]: the bytes `serde_json::to_string` gives, written faster.
//!
//! Takes any `Serialize` value; appends its compact JSON to a byte vector, or fails (a map whose
//! keys are not strings, a value's own error) with nothing promised about what was appended.
//!
//! Why a writer of our own: serde_json escapes a string a byte at a time, a table look-up for
//! each, and most of a report's JSON is Chinese text (the report itself, quotes, the section
//! titles repeated for each figure) with nothing to escape. [`escape_into`] looks for the bytes
//! that need an escape (`"`, `\`, controls below 0x20) sixteen at a time and copies the runs
//! between them whole. Everything else is written as serde_json writes it: structure here,
//! integers by itoa (serde_json's own), floats by serde_json itself (its shortest
//! round-trip form, `2681.0`; `null` for NaN and infinities).

use serde::ser::{self, Serialize};
use std::fmt::Write as _;

type Error = serde_json::Error;
type Result<T = ()> = std::result::Result<T, Error>;

/// Appends `value`'s compact JSON to `out`.
pub fn write<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result {
    value.serialize(&mut Writer { out })
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Writer<'a> {
    fn string(&mut self, s: &str) {
        self.out.push(b'"');
        escape_into(self.out, s);
        self.out.push(b'"');
    }

    /// By itoa, as serde_json writes integers (spans are most of a report's numbers).
    fn integer(&mut self, n: impl itoa::Integer) {
        self.out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// Written by serde_json itself (floats): its own format, exactly.
    fn by_serde_json<T: Serialize>(&mut self, value: T) -> Result {
        serde_json::to_writer(&mut *self.out, &value)
    }

    /// `{"variant":`, the start of an enum variant that holds data.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        self.string(variant);
        self.out.push(b':');
    }

    /// `{"variant":` and the opening of the data it holds (a sequence or a map).
    fn variant_compound(&mut self, variant: &str, open: u8, close: u8) -> Compound<'_, 'a> {
        self.open_variant(variant);
        self.compound(open, close)
    }

    fn compound(&mut self, open: u8, close: u8) -> Compound<'_, 'a> {
        self.out.push(open);
        Compound { writer: self, first: true, close }
    }
}

/// Appends `s` escaped as a JSON string's contents, as serde_json escapes it: `\"`, `\\`,
/// `\b \t \n \f \r`, other controls as `\u00xx`; everything else as it is.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut copied = 0;
    while let Some(at) = first_to_escape(&bytes[copied..]).map(|p| copied + p) {
        out.extend_from_slice(&bytes[copied..at]);
        push_escape(out, bytes[at]);
        copied = at + 1;
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// The first byte of `bytes` that needs an escape, sixteen bytes (two words) at a time.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    if bytes.len() < 8 {
        return short_first_to_escape(bytes);
    }
    let word_at = |at: usize| {
        let word = bytes.get(at..at + 8).and_then(|w| w.try_into().ok()).unwrap_or([0; 8]);
        bytes_to_escape(u64::from_le_bytes(word))
    };
    let first_marked = |at: usize, found: u64| at + (found.trailing_zeros() / 8) as usize;
    let mut at = 0;
    while at + 16 <= bytes.len() {
        let (low, high) = (word_at(at), word_at(at + 8));
        if low | high != 0 {
            return Some(if low != 0 { first_marked(at, low) } else { first_marked(at + 8, high) });
        }
        at += 16;
    }
    if at + 8 <= bytes.len() {
        let found = word_at(at);
        if found != 0 {
            return Some(first_marked(at, found));
        }
        at += 8;
    }
    if at == bytes.len() {
        return None;
    }
    // The last eight bytes, overlapping the last word read: its bytes are clean, and a clean
    // byte marks none above it.
    let last = bytes.len() - 8;
    let found = word_at(last);
    (found != 0).then(|| first_marked(last, found))
}

/// [`first_to_escape`] for fewer than eight bytes (most keys, units, short titles): from four
/// bytes on, two overlapping four-byte reads settle a clean string in one test.
fn short_first_to_escape(bytes: &[u8]) -> Option<usize> {
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let word =
            u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32;
        if bytes_to_escape(word) == 0 {
            return None;
        }
    }
    bytes.iter().position(|&b| needs_escape(b))
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The high bit of each byte of `word` that needs an escape. Bits above the lowest one set may
/// be false (a borrow runs upwards); the lowest is always true, and it is the only one used.
fn bytes_to_escape(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // A byte below n: subtracting n borrows into its high bit, which was clear.
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * n as u64) & !w;
    let quote = word ^ (ONES * b'"' as u64);
    let backslash = word ^ (ONES * b'\\' as u64);
    (below(word, 0x20) | below(quote, 1) | below(backslash, 1)) & HIGH_BITS
}

fn push_escape(out: &mut Vec<u8>, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        b'\t' => b't',
        b'\n' => b'n',
        0x0C => b'f',
        b'\r' => b'r',
        _ => {
            out.extend_from_slice(b"\\u00");
            out.extend_from_slice(&[HEX[(byte >> 4) as usize], HEX[(byte & 0xF) as usize]]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Integers of every width, written by itoa (one spelling, as serde_json's).
macro_rules! integers {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, v: $t) -> Result {
            self.integer(v);
            Ok(())
        }
    )*};
}

impl<'s, 'a> ser::Serializer for &'s mut Writer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'s, 'a>;
    type SerializeTuple = Compound<'s, 'a>;
    type SerializeTupleStruct = Compound<'s, 'a>;
    type SerializeTupleVariant = Compound<'s, 'a>;
    type SerializeMap = Compound<'s, 'a>;
    type SerializeStruct = Compound<'s, 'a>;
    type SerializeStructVariant = Compound<'s, 'a>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }
    integers!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
    );
    fn serialize_f32(self, v: f32) -> Result {
        self.by_serde_json(v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        // Nearly every figure is a whole number (21.0): written by itoa with ".0", as serde_json
        // spells it, below 1e15 (serde_json turns to an exponent further on) and not for -0.0.
        if v.fract() == 0.0 && v.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
            self.integer(v as i64);
            self.out.extend_from_slice(b".0");
            return Ok(());
        }
        self.by_serde_json(v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'s, 'a>> {
        Ok(self.compound(b'[', b']'))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'s, 'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'s, 'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'s, 'a>> {
        Ok(self.variant_compound(variant, b'[', b']'))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'s, 'a>> {
        Ok(self.compound(b'{', b'}'))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'s, 'a>> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'s, 'a>> {
        Ok(self.variant_compound(variant, b'{', b'}'))
    }
    /// Written straight into the output (a [`crate::model::Key`] on each indicator), then
    /// escaped where it needs it.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result {
        self.out.push(b'"');
        let start = self.out.len();
        write!(Utf8Sink(self.out), "{value}").map_err(ser::Error::custom)?;
        if first_to_escape(&self.out[start..]).is_some() {
            let written = self.out.split_off(start);
            escape_into(self.out, std::str::from_utf8(&written).map_err(ser::Error::custom)?);
        }
        self.out.push(b'"');
        Ok(())
    }
}

/// `fmt::Write` into the output vector (only `str`s are written, so it stays UTF-8).
struct Utf8Sink<'o>(&'o mut Vec<u8>);

impl std::fmt::Write for Utf8Sink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// An array or object being written: a comma before each item but the first.
struct Compound<'s, 'a> {
    writer: &'s mut Writer<'a>,
    first: bool,
    /// `]` or `}`; an enum variant holding data closes its wrapping object as well.
    close: u8,
}

impl Compound<'_, '_> {
    fn separate(&mut self) {
        if !std::mem::take(&mut self.first) {
            self.writer.out.push(b',');
        }
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.separate();
        value.serialize(&mut *self.writer)
    }

    /// A struct's field: its name is written as a string straight away (not as a value).
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        self.separate();
        self.writer.string(key);
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result {
        self.writer.out.push(self.close);
        Ok(())
    }

    /// The end of a variant's data and of the object around it.
    fn close_variant(self) -> Result {
        let writer = self.writer;
        writer.out.push(self.close);
        writer.out.push(b'}');
        Ok(())
    }
}

/// The parts of a value written item by item: each item as [`Compound::item`] writes it, then
/// the closing bracket (and, for a variant, the brace around it).
macro_rules! item_by_item {
    ($($part:ident::$item:ident => $end:ident),* $(,)?) => {$(
        impl ser::$part for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }
            fn end(self) -> Result {
                self.$end()
            }
        }
    )*};
}

item_by_item!(
    SerializeSeq::serialize_element => close,
    SerializeTuple::serialize_element => close,
    SerializeTupleStruct::serialize_field => close,
    SerializeTupleVariant::serialize_field => close_variant,
);

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;
    /// A key must come out as a JSON string. serde_json also quotes number and bool keys; this
    /// writer refuses them instead, and [`super::json`] then asks serde_json.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        let start = self.writer.out.len() + usize::from(!self.first);
        self.item(key)?;
        if self.writer.out.get(start) != Some(&b'"') {
            return Err(ser::Error::custom("key must be a string"));
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)
    }
    fn end(self) -> Result {
        self.close()
    }
}

/// The parts of a value written field by field: each field as [`Compound::field`] writes it,
/// then the closing brace (and, for a variant, the one around it).
macro_rules! field_by_field {
    ($($part:ident => $end:ident),* $(,)?) => {$(
        impl ser::$part for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result {
                self.field(key, value)
            }
            fn end(self) -> Result {
                self.$end()
            }
        }
    )*};
}

field_by_field!(SerializeStruct => close, SerializeStructVariant => close_variant);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    fn ours<T: Serialize + ?Sized>(value: &T) -> String {
        let mut out = Vec::new();
        write(value, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_escape_as_serde_json_writes_it() {
        for byte in 0u8..0x80 {
            let s = format!("a{}b", byte as char);
            assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "byte {byte:#04x}");
        }
        // At each place in a word and in a pair of words, and past the last whole word.
        for at in 0..60 {
            for c in ['"', '\\', '\n', '\u{1f}', '\u{7f}', '一'] {
                let mut s = "报".repeat(at / 3) + &"x".repeat(at % 3);
                s.push(c);
                s.push_str("告.");
                assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
    }

    #[derive(Serialize)]
    enum Kind {
        Unit,
        Newtype(f64),
        Tuple(u8, i64),
        Struct { a: Option<String>, b: Vec<u16> },
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Every {
        kinds: Vec<Kind>,
        floats: [f64; 6],
        small: f32,
        ints: (i8, i16, i32, i64, i128, u128, u64),
        chars: [char; 3],
        #[serde(with = "serde_bytes_like")]
        bytes: Vec<u8>,
        map: BTreeMap<String, Option<bool>>,
        empty_map: BTreeMap<String, u8>,
        empty: Vec<Unit>,
        unit: (),
        nested: Vec<Vec<[usize; 2]>>,
    }

    /// Bytes through `serialize_bytes`, as serde_bytes would.
    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(b)
        }
    }

    #[test]
    fn every_kind_of_value_as_serde_json_writes_it() {
        let value = Every {
            kinds: vec![
                Kind::Unit,
                Kind::Newtype(-0.5),
                Kind::Tuple(255, i64::MIN),
                Kind::Struct { a: Some("x\"y".into()), b: vec![] },
                Kind::Struct { a: None, b: vec![1, 65535] },
            ],
            floats: [2681.0, 1e21, 1.5e-7, f64::NAN, f64::INFINITY, -0.0],
            small: 0.1,
            ints: (-128, i16::MIN, 0, i64::MAX, i128::MIN, u128::MAX, u64::MAX),
            chars: ['"', '\u{0}', '報'],
            bytes: vec![0, 34, 255],
            map: [("k\n".to_string(), Some(true)), ("".into(), None)].into(),
            empty_map: BTreeMap::new(),
            empty: vec![],
            unit: (),
            nested: vec![vec![], vec![[0, 1], [10, 20]]],
        };
        assert_eq!(ours(&value), serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn whole_floats_as_serde_json_writes_them() {
        let mut n = 1.0f64;
        for _ in 0..25 {
            for v in [n - 1.0, n, n + 1.0, (n * 7.0 / 3.0).floor(), n + 0.5] {
                assert_eq!(ours(&v), serde_json::to_string(&v).unwrap(), "{v}");
                assert_eq!(ours(&-v), serde_json::to_string(&-v).unwrap(), "{v}");
            }
            n *= 10.0;
        }
        for v in
            [0.0, -0.0, 1e15 - 1.0, 1e15, 1e16, 9007199254740993.0, f64::MAX, f64::MIN_POSITIVE]
        {
            assert_eq!(ours(&v), serde_json::to_string(&v).unwrap(), "{v}");
        }
    }

    #[test]
    fn integers_as_serde_json_writes_them() {
        let mut n = 1u64;
        for _ in 0..20 {
            for v in [n - 1, n, n + 1, n.saturating_mul(7) / 3] {
                assert_eq!(ours(&v), serde_json::to_string(&v).unwrap());
                let negative = -(v.min(i64::MAX as u64) as i64);
                assert_eq!(ours(&negative), serde_json::to_string(&negative).unwrap());
            }
            n = n.saturating_mul(10);
        }
        assert_eq!(ours(&u64::MAX), u64::MAX.to_string());
        assert_eq!(ours(&i64::MIN), i64::MIN.to_string());
    }

    #[test]
    fn a_map_with_number_keys_is_refused() {
        let map: BTreeMap<u8, u8> = [(1, 2)].into();
        assert!(write(&map, &mut Vec::new()).is_err());
    }

    #[test]
    fn reports_as_serde_json_writes_them() {
        for (text, name) in [
            (
                "2016年,全市共收到政府信息公開申請2681件。\n一、概述\n\t\"引\\号\"3.5万元",
                "a\u{1}.txt",
            ),
            ("", ""),
        ] {
            let report = crate::analyze_text(text, name);
            assert_eq!(ours(&report), serde_json::to_string(&report).unwrap());
        }
    }

    proptest! {
        #[test]
        fn strings_as_serde_json_writes_them(s in "(?s).{0,64}", t in "[\\x00-\\x7f报\"\\\\]{0,40}") {
            prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
            prop_assert_eq!(ours(&t), serde_json::to_string(&t).unwrap());
        }
    }
}
