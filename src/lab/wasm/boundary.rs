//! What happens to a value when JavaScript calls a Rust function through the glue
//! that `wasm-bindgen` writes: the notes the Module tab's console shows under a call
//! to the hello module (`examples/hello-wasm`).
//!
//! A WebAssembly function only takes and returns numbers (i32, i64, f32, f64). So:
//!
//! - a JavaScript number given for an `i32` goes through the JS API's ToInt32: the
//!   fraction is dropped and the result wraps modulo 2³² (`2.7` → `2`, `2147483648`
//!   → `-2147483648`); a `u32` is the same 32 bits, read by Rust as unsigned, so `-1`
//!   arrives as `4294967295`;
//! - an `i64` result arrives as a BigInt, because a JS number holds every integer
//!   exactly only up to 2⁵³ − 1; the glue reads a `u64` as unsigned (`BigInt.asUintN`);
//! - a string is not a number at all: the glue encodes the UTF-16 JS string as UTF-8,
//!   copies it into the module's linear memory, and passes a pointer and a length; a
//!   returned `String` is copied back out and decoded to UTF-16, then freed in WASM.
//!
//! Nothing here touches a browser: the console reports what it saw (as [`Seen`]
//! values) and [`notes`] explains it.

use serde::Deserialize;

/// How a Rust parameter or result of an exported function crosses the boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RustType {
    /// `i32`: a JS number passed in goes through ToInt32.
    I32,
    /// `u32`: the same 32 bits as `i32`, read by Rust as unsigned.
    U32,
    /// `u64`: an `i64` in WebAssembly, a BigInt in JavaScript, read as unsigned.
    U64,
    /// `&str`: copied in as UTF-8.
    Str,
    /// `String`: copied out and decoded.
    String,
    /// `()`: nothing comes back (`undefined`).
    Unit,
}

impl RustType {
    /// The type as written in Rust: `i32`, `&str`, `()`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            RustType::I32 => "i32",
            RustType::U32 => "u32",
            RustType::U64 => "u64",
            RustType::Str => "&str",
            RustType::String => "String",
            RustType::Unit => "()",
        }
    }
}

/// The Rust signature of an exported function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    /// The function's name, e.g. `fibonacci`.
    pub name: &'static str,
    /// Parameter names and types, in order.
    pub params: &'static [(&'static str, RustType)],
    /// The return type ([`RustType::Unit`] when it returns nothing).
    pub result: RustType,
}

impl Signature {
    /// `fibonacci(n: u32) -> u64`, as written in `lib.rs` (without `pub fn`).
    pub fn rust_text(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|(n, t)| format!("{n}: {}", t.as_str()))
            .collect();
        match self.result {
            RustType::Unit => format!("{}({})", self.name, params.join(", ")),
            r => format!("{}({}) -> {}", self.name, params.join(", "), r.as_str()),
        }
    }
}

// region: hello-exports
/// The functions `examples/hello-wasm/src/lib.rs` exports, with their Rust types
/// (a test reads lib.rs and checks this list against it).
pub const HELLO_EXPORTS: &[Signature] = &[
    Signature {
        name: "add",
        params: &[("a", RustType::I32), ("b", RustType::I32)],
        result: RustType::I32,
    },
    Signature {
        name: "fibonacci",
        params: &[("n", RustType::U32)],
        result: RustType::U64,
    },
    Signature {
        name: "greet",
        params: &[("name", RustType::Str)],
        result: RustType::String,
    },
    Signature {
        name: "say_hello",
        params: &[("name", RustType::Str)],
        result: RustType::Unit,
    },
];
// endregion

/// The signature of a hello export by name.
pub fn hello_signature(name: &str) -> Option<&'static Signature> {
    HELLO_EXPORTS.iter().find(|s| s.name == name)
}

/// A JavaScript value as the console saw it (it cannot hand Rust the value itself:
/// the console runs in a Web Worker, and only a description crosses back).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Seen {
    /// What `typeof` says: `number`, `bigint`, `string`, `undefined`, `object`, …
    #[serde(rename = "type", default)]
    pub js_type: String,
    /// How the console prints it: `-2147483648`, `55n`, `"Hello, Ferris!"`.
    #[serde(default)]
    pub text: String,
    /// `Number(value)` for primitives other than BigInt and Symbol (what ToNumber,
    /// the first step of ToInt32, gives); `None` for NaN or when not computed.
    #[serde(default)]
    pub number: Option<f64>,
    /// For strings: length in UTF-16 code units (`.length`).
    #[serde(default)]
    pub utf16: Option<u32>,
    /// For strings: bytes of its UTF-8 encoding (`TextEncoder`).
    #[serde(default)]
    pub utf8: Option<u32>,
    /// For strings: false when it holds a lone surrogate, which UTF-8 cannot encode.
    #[serde(default)]
    pub well_formed: Option<bool>,
}

/// One call of an export during an evaluation, as the console recorded it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Call {
    /// Name of the export that was called.
    pub name: String,
    /// The arguments as the console saw them, in order.
    #[serde(default)]
    pub args: Vec<Seen>,
    /// What it returned (absent when it threw).
    #[serde(default)]
    pub result: Option<Seen>,
    /// `TypeError: …` when the call threw.
    #[serde(default)]
    pub threw: Option<String>,
}

// region: to-int32
/// ECMAScript ToInt32 on a number: what the WebAssembly JS API does to a JS number
/// passed as an `i32`. NaN and ±∞ become 0; otherwise the fraction is dropped and
/// the integer wraps modulo 2³² into −2³¹..2³¹.
pub fn to_int32(x: f64) -> i32 {
    if !x.is_finite() {
        return 0;
    }
    let wrapped = x.trunc().rem_euclid(4_294_967_296.0);
    // 0 <= wrapped < 2^32, an integer: exact in u64, and the low 32 bits are the i32.
    wrapped as u64 as u32 as i32
}

/// The same 32 bits read as unsigned: what a Rust `u32` parameter receives.
pub fn to_uint32(x: f64) -> u32 {
    to_int32(x) as u32
}
// endregion

/// 2⁵³ − 1: the largest integer below which every integer is exact in a JS number.
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// F(n) mod 2⁶⁴, as the hello module's `u64` loop computes it (wrapping).
fn fibonacci_wrapping(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n.min(200) {
        let next = a.wrapping_add(b);
        a = b;
        b = next;
    }
    a
}

/// The notes for one call: what crossed the boundary, and what changed on the way.
/// Calls of functions that are not hello exports get none.
pub fn notes(call: &Call) -> Vec<String> {
    let Some(sig) = hello_signature(&call.name) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut ints: Vec<Option<i64>> = Vec::new();
    for (i, (param, ty)) in sig.params.iter().enumerate() {
        let arg = call.args.get(i);
        let (note, int) = param_note(param, *ty, arg);
        out.extend(note);
        ints.push(int);
    }
    if call.args.len() > sig.params.len() {
        let extra = call.args.len() - sig.params.len();
        out.push(format!(
            "{extra} extra argument{} ignored: {} takes {}.",
            if extra == 1 { " was" } else { "s were" },
            sig.name,
            sig.params.len()
        ));
    }
    if let Some(threw) = &call.threw {
        out.push(threw_note(sig, call, threw));
        return out;
    }
    if let Some(result) = &call.result {
        out.extend(result_note(sig, &ints, result));
    }
    out
}

/// A note for one argument (when it changed or was copied), and the integer Rust
/// received for number parameters.
fn param_note(param: &str, ty: RustType, arg: Option<&Seen>) -> (Option<String>, Option<i64>) {
    let missing = Seen {
        js_type: "undefined".into(),
        text: "undefined".into(),
        ..Seen::default()
    };
    let arg = arg.unwrap_or(&missing);
    match ty {
        RustType::I32 | RustType::U32 => {
            if arg.js_type == "bigint" || arg.js_type == "symbol" {
                return (None, None);
            }
            let x = arg.number.unwrap_or(f64::NAN);
            let received: i64 = if ty == RustType::I32 {
                i64::from(to_int32(x))
            } else {
                i64::from(to_uint32(x))
            };
            let exact = x.is_finite() && x == received as f64;
            let note = if arg.js_type == "number" && exact {
                None
            } else if arg.js_type == "number" {
                Some(format!(
                    "{param}: {} is not {}, so the call converted it (ToInt32: drop the fraction, wrap into 32 bits{}) — Rust received {received}.",
                    arg.text,
                    article(ty.as_str()),
                    if ty == RustType::U32 {
                        ", read as unsigned"
                    } else {
                        ""
                    }
                ))
            } else {
                Some(format!(
                    "{param}: {} is {}, not a number: it became {} (ToNumber), then {received}.",
                    arg.text,
                    article(&arg.js_type),
                    js_number_text(x)
                ))
            };
            (note, Some(received))
        }
        RustType::Str => {
            if arg.js_type != "string" {
                return (
                    Some(format!(
                        "{param}: {} is {}, not a string. The release glue does not check argument types (a debug build's does), so it tried to copy it as text anyway.",
                        arg.text,
                        article(&arg.js_type)
                    )),
                    None,
                );
            }
            let (units, bytes) = (arg.utf16.unwrap_or(0), arg.utf8.unwrap_or(0));
            let mut note = format!(
                "{param}: the string was encoded from {} to {} and copied into the module's memory; Rust got a pointer and a length.",
                count(units, "UTF-16 code unit", "UTF-16 code units"),
                count(bytes, "UTF-8 byte", "UTF-8 bytes"),
            );
            if arg.well_formed == Some(false) {
                note.push_str(
                    " It held a lone surrogate, which UTF-8 cannot encode: it became U+FFFD (�).",
                );
            }
            (Some(note), None)
        }
        RustType::U64 | RustType::String | RustType::Unit => (None, None),
    }
}

fn result_note(sig: &Signature, ints: &[Option<i64>], result: &Seen) -> Vec<String> {
    let mut out = Vec::new();
    match sig.result {
        RustType::I32 => {
            if sig.name == "add"
                && let [Some(a), Some(b)] = ints
            {
                let sum = a + b;
                if i32::try_from(sum).is_err() {
                    out.push(format!(
                        "i32 overflow: {a} + {b} = {sum} does not fit in 32 bits. This release build wraps around (a debug build would panic), so Rust returned {}.",
                        to_int32(sum as f64)
                    ));
                    return out;
                }
            }
            out.push(
                "An i32 came back as a plain JS number: numbers cross without any copying.".into(),
            );
        }
        RustType::U64 => {
            let digits = result.text.trim_end_matches('n');
            out.push(format!(
                "A u64 arrives as a BigInt ({}): a JS number holds every integer exactly only up to 2⁵³ − 1 = 9,007,199,254,740,991.",
                result.text
            ));
            if let Ok(v) = digits.parse::<u64>()
                && v > MAX_SAFE_INTEGER
            {
                let as_number = v as f64;
                let exact = as_number as u128;
                out.push(format!(
                    "As a number it would be off by {}: it rounds to {exact}, which JavaScript prints as {}.",
                    exact.abs_diff(u128::from(v)),
                    js_number_text(as_number),
                ));
            }
            if sig.name == "fibonacci"
                && let Some(Some(n)) = ints.first()
                && *n >= 94
            {
                let n = *n as u32;
                let shown = if n <= 200 {
                    format!(": {}", fibonacci_wrapping(n))
                } else {
                    String::new()
                };
                out.push(format!(
                    "F({n}) needs more than 64 bits: the additions wrapped around (a release build does not check), so this is F({n}) mod 2⁶⁴{shown}."
                ));
            }
        }
        RustType::String => {
            let (units, bytes) = (result.utf16.unwrap_or(0), result.utf8.unwrap_or(0));
            out.push(format!(
                "The reply, {}, was copied out of the module's memory and decoded into a JS string of {}; then the glue freed the module's copy.",
                count(bytes, "UTF-8 byte", "UTF-8 bytes"),
                count(units, "UTF-16 code unit", "UTF-16 code units"),
            ));
        }
        RustType::Unit => {}
        RustType::U32 | RustType::Str => {}
    }
    out
}

fn threw_note(sig: &Signature, call: &Call, threw: &str) -> String {
    let bigint_for_int = sig.params.iter().zip(&call.args).find(|((_, ty), arg)| {
        matches!(ty, RustType::I32 | RustType::U32) && arg.js_type == "bigint"
    });
    if let Some(((param, ty), _)) = bigint_for_int {
        return format!(
            "{param}: a BigInt cannot become an {} (only i64 and u64 parameters take BigInts), so the call threw before reaching Rust.",
            ty.as_str()
        );
    }
    if threw.starts_with("RuntimeError") {
        return "The module trapped (a WebAssembly RuntimeError): Rust's code stopped in the middle. Its memory may now be inconsistent, so the console loads a fresh instance.".into();
    }
    format!("The call threw ({threw}): no value came back.")
}

/// `a number`, `an object`, `undefined`.
fn article(js_type: &str) -> String {
    match js_type {
        "undefined" => "undefined".into(),
        "object" => "an object (or null)".into(),
        t if t.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {t}"),
        t => format!("a {t}"),
    }
}

/// A finite number as JavaScript prints integers and simple fractions: `0`, `-3`,
/// `2.7`, `12200160415121877000`; `NaN` for NaN.
fn js_number_text(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else {
        // Rust prints the shortest digits that read back, padded with zeros: the same
        // as JavaScript below 10²¹, where JavaScript switches to exponents.
        format!("{x}")
    }
}

fn count(n: u32, one: &str, many: &str) -> String {
    crate::lab::fmt::count(n as usize, one, many)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(x: f64) -> Seen {
        Seen {
            js_type: "number".into(),
            text: js_number_text(x),
            number: Some(x),
            ..Seen::default()
        }
    }

    fn string(s: &str) -> Seen {
        Seen {
            js_type: "string".into(),
            text: format!("{s:?}"),
            number: None,
            utf16: Some(s.encode_utf16().count() as u32),
            utf8: Some(s.len() as u32),
            well_formed: Some(true),
        }
    }

    fn call(name: &str, args: Vec<Seen>, result: Option<Seen>) -> Call {
        Call {
            name: name.into(),
            args,
            result,
            threw: None,
        }
    }

    #[test]
    fn to_int32_is_ecmascript_to_int32() {
        assert_eq!(to_int32(0.0), 0);
        assert_eq!(to_int32(-0.0), 0);
        assert_eq!(to_int32(2.7), 2);
        assert_eq!(to_int32(-2.7), -2);
        assert_eq!(to_int32(2_147_483_647.0), i32::MAX);
        assert_eq!(to_int32(2_147_483_648.0), i32::MIN);
        assert_eq!(to_int32(4_294_967_296.0), 0);
        assert_eq!(to_int32(4_294_967_297.5), 1);
        assert_eq!(to_int32(-4_294_967_297.0), -1);
        assert_eq!(to_int32(1e300), 0);
        assert_eq!(to_int32(f64::NAN), 0);
        assert_eq!(to_int32(f64::INFINITY), 0);
        assert_eq!(to_uint32(-1.0), u32::MAX);
        assert_eq!(to_uint32(4_294_967_295.0), u32::MAX);
    }

    #[test]
    fn add_notes_say_when_i32_wraps() {
        let c = call("add", vec![num(2.0), num(3.0)], Some(num(5.0)));
        assert_eq!(
            notes(&c),
            ["An i32 came back as a plain JS number: numbers cross without any copying."]
        );
        let c = call(
            "add",
            vec![num(2_147_483_647.0), num(1.0)],
            Some(num(-2_147_483_648.0)),
        );
        let n = notes(&c);
        assert_eq!(n.len(), 1);
        assert!(n[0].starts_with("i32 overflow: 2147483647 + 1 = 2147483648"));
        assert!(n[0].ends_with("Rust returned -2147483648."));
    }

    #[test]
    fn converted_arguments_are_explained() {
        let c = call("add", vec![num(2.7), num(1.0)], Some(num(3.0)));
        let n = notes(&c);
        assert!(n[0].starts_with("a: 2.7 is not an i32"), "{n:?}");
        assert!(n[0].ends_with("Rust received 2."));
        let text = Seen {
            js_type: "string".into(),
            text: "\"2\"".into(),
            number: Some(2.0),
            ..Seen::default()
        };
        let c = call("add", vec![text, num(3.0)], Some(num(5.0)));
        assert!(
            notes(&c)[0].contains("is a string, not a number: it became 2 (ToNumber), then 2.")
        );
        // A missing argument is undefined: NaN, then 0.
        let c = call("add", vec![num(1.0)], Some(num(1.0)));
        assert!(notes(&c)[0].contains("b: undefined is undefined, not a number: it became NaN"));
        let c = call("fibonacci", vec![num(-1.0)], None);
        assert!(notes(&c)[0].contains("Rust received 4294967295."));
    }

    #[test]
    fn a_bigint_for_an_i32_throws_and_says_why() {
        let big = Seen {
            js_type: "bigint".into(),
            text: "2n".into(),
            ..Seen::default()
        };
        let c = Call {
            name: "add".into(),
            args: vec![big, num(3.0)],
            result: None,
            threw: Some("TypeError: can't convert BigInt to number".into()),
        };
        assert_eq!(
            notes(&c),
            [
                "a: a BigInt cannot become an i32 (only i64 and u64 parameters take BigInts), so the call threw before reaching Rust."
            ]
        );
    }

    #[test]
    fn u64_arrives_as_bigint_and_wraps_past_93() {
        let big = |s: &str| Seen {
            js_type: "bigint".into(),
            text: format!("{s}n"),
            ..Seen::default()
        };
        let n = notes(&call("fibonacci", vec![num(10.0)], Some(big("55"))));
        assert_eq!(n.len(), 1);
        assert!(n[0].starts_with("A u64 arrives as a BigInt (55n)"));
        let n = notes(&call(
            "fibonacci",
            vec![num(93.0)],
            Some(big("12200160415121876738")),
        ));
        assert_eq!(n.len(), 2);
        assert_eq!(
            n[1],
            "As a number it would be off by 254: it rounds to 12200160415121876992, which JavaScript prints as 12200160415121877000."
        );
        let n = notes(&call(
            "fibonacci",
            vec![num(94.0)],
            Some(big("1293530146158671551")),
        ));
        assert!(
            n.last()
                .unwrap()
                .ends_with("F(94) mod 2⁶⁴: 1293530146158671551.")
        );
        assert_eq!(fibonacci_wrapping(93), 12_200_160_415_121_876_738);
    }

    #[test]
    fn strings_are_copied_and_reencoded() {
        let n = notes(&call(
            "greet",
            vec![string("Ferris")],
            Some(string("Hello, Ferris!")),
        ));
        assert_eq!(n.len(), 2);
        assert!(n[0].contains("from 6 UTF-16 code units to 6 UTF-8 bytes"));
        assert!(n[1].contains("The reply, 14 UTF-8 bytes"));
        let n = notes(&call("greet", vec![string("é😀")], None));
        assert!(
            n[0].contains("from 3 UTF-16 code units to 6 UTF-8 bytes"),
            "{n:?}"
        );
        let mut lone = string("a");
        lone.well_formed = Some(false);
        assert!(notes(&call("greet", vec![lone], None))[0].contains("U+FFFD"));
        let n = notes(&call("greet", vec![num(5.0)], None));
        assert!(n[0].contains("is a number, not a string"));
    }

    #[test]
    fn a_trap_is_named() {
        let c = Call {
            name: "greet".into(),
            args: vec![num(5.0)],
            result: None,
            threw: Some("RuntimeError: index out of bounds".into()),
        };
        assert!(notes(&c).last().unwrap().contains("trapped"));
    }

    #[test]
    fn other_functions_get_no_notes() {
        assert!(notes(&call("initSync", vec![], None)).is_empty());
        assert_eq!(
            hello_signature("fibonacci").unwrap().rust_text(),
            "fibonacci(n: u32) -> u64"
        );
        assert_eq!(
            hello_signature("say_hello").unwrap().rust_text(),
            "say_hello(name: &str)"
        );
    }

    #[test]
    fn extra_arguments_are_mentioned() {
        let n = notes(&call(
            "add",
            vec![num(1.0), num(2.0), num(3.0)],
            Some(num(3.0)),
        ));
        assert_eq!(n[0], "1 extra argument was ignored: add takes 2.");
    }

    /// The table above is what lib.rs says: every `#[wasm_bindgen] pub fn` with its
    /// parameter and result types.
    #[test]
    fn the_table_matches_lib_rs() {
        let lib = include_str!("../../../examples/hello-wasm/src/lib.rs");
        let mut found = Vec::new();
        for line in lib.lines() {
            let Some(rest) = line.trim().strip_prefix("pub fn ") else {
                continue;
            };
            found.push(rest.trim_end_matches('{').trim().to_string());
        }
        let ours: Vec<String> = HELLO_EXPORTS.iter().map(Signature::rust_text).collect();
        assert_eq!(found, ours);
    }
}
