#![cfg(not(target_arch = "wasm32"))]
//! lab::wasm on random and mutated input: it never panics, never accepts what
//! wasmparser refuses, and wherever wasmparser (WebAssembly 2.0, no validation)
//! reads a module in the covered proposals, lab::wasm reads the same module with
//! the same sections, imports, exports, bodies and instruction text.

mod wasm_common;

use proptest::prelude::*;
use wasm_common::{MVP, POST_MVP, SIMD, check, module_with_body};
use wasm_playground::lab::wasm::{self, leb128};
use wasmparser::BinaryReader;

fn corpus() -> Vec<Vec<u8>> {
    let mut c: Vec<Vec<u8>> = [MVP, POST_MVP, SIMD]
        .iter()
        .map(|t| wat::parse_str(t).expect("WAT"))
        .collect();
    // The same modules with a name section, so names and their rules get mutated too.
    c.push(
        wat::parse_str(
            r#"(module $m (func $first (param $x i32) (local $y i64)) (func $second)
                 (func (export "third") (call $first (i32.const 1))))"#,
        )
        .expect("WAT"),
    );
    c.push(module_with_body(&[
        0x01, 0x02, 0x7F, 0x02, 0x40, 0x41, 0x2A, 0x0E, 0x01, 0x00, 0x00, 0x0B, 0x0B,
    ]));
    c.push(include_bytes!("fixtures/wasm/hello_wasm_bg.wasm").to_vec());
    c
}

/// Every span is inside the file and spans nest: a breadcrumb is well formed.
fn check_annotations(bytes: &[u8]) {
    let notes = wasm::annotate(bytes, 0..bytes.len());
    let mut open: Vec<(usize, usize)> = Vec::new();
    for s in &notes.spans {
        assert!(s.start < s.end && s.end <= bytes.len(), "{s:?}");
        while open.last().is_some_and(|&(_, e)| e <= s.start) {
            open.pop();
        }
        if let Some(&(_, e)) = open.last() {
            assert!(s.end <= e, "{s:?} overlaps its parent");
        }
        assert_eq!(usize::from(s.depth), open.len(), "{s:?}");
        open.push((s.start, s.end));
    }
    assert_eq!(notes.error.is_some(), wasm::parse(bytes).is_err());
}

#[derive(Clone, Debug)]
enum Mutation {
    Set(usize, u8),
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
    /// Writes a LEB128 number over the bytes at a position (sizes and counts).
    Leb(usize, u32),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Mostly in-place changes, which keep the section structure and so often
    // leave a module both readers accept; some structural ones too.
    prop_oneof![
        4 => (any::<usize>(), 0u8..8).prop_map(|(i, b)| Mutation::Flip(i, b)),
        3 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => any::<usize>().prop_map(Mutation::Remove),
        1 => any::<usize>().prop_map(Mutation::Truncate),
        1 => (any::<usize>(), any::<u32>()).prop_map(|(i, v)| Mutation::Leb(i, v)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let n = bytes.len().max(1);
        match *m {
            Mutation::Set(i, b) => {
                if let Some(x) = bytes.get_mut(i % n) {
                    *x = b;
                }
            }
            Mutation::Flip(i, bit) => {
                if let Some(x) = bytes.get_mut(i % n) {
                    *x ^= 1 << bit;
                }
            }
            Mutation::Insert(i, b) => bytes.insert(i % (bytes.len() + 1), b),
            Mutation::Remove(i) => {
                if !bytes.is_empty() {
                    bytes.remove(i % n);
                }
            }
            Mutation::Truncate(i) => bytes.truncate(i % n),
            Mutation::Leb(i, v) => {
                let at = i % n;
                for (k, b) in leb128::write_u64(u64::from(v)).into_iter().enumerate() {
                    if let Some(x) = bytes.get_mut(at + k) {
                        *x = b;
                    }
                }
            }
        }
    }
    bytes
}

/// Cases per property; `WASM_FUZZ_CASES=100000 cargo test --release --test wasm_fuzz`
/// for a long run.
fn cases(default: u32) -> u32 {
    std::env::var("WASM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        // Integration tests have no lib.rs for proptest to put regressions beside.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Mutated valid modules: most stay inside the agreement domain, so the second
/// direction (wasmparser reads it, so must we, identically) is really exercised.
#[test]
fn mutated_modules_agree() {
    let corpus = corpus();
    let inside = std::cell::Cell::new(0u32);
    let mut runner = proptest::test_runner::TestRunner::new(config(600));
    let strategy = (0..corpus.len(), prop::collection::vec(mutation(), 1..3));
    runner
        .run(&strategy, |(pick, mutations)| {
            let bytes = mutate(corpus[pick].clone(), &mutations);
            if check(&bytes, true) {
                inside.set(inside.get() + 1);
            }
            check_annotations(&bytes);
            Ok(())
        })
        .unwrap();
    let total = cases(600);
    eprintln!(
        "{} of {total} mutated modules inside the agreement domain",
        inside.get()
    );
    assert!(
        inside.get() * 10 >= total,
        "only {} of {total} mutated modules were inside the agreement domain",
        inside.get()
    );
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn arbitrary_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..600), header in any::<bool>()) {
        let mut bytes = if header { b"\0asm\x01\0\0\0".to_vec() } else { Vec::new() };
        bytes.extend(tail);
        check(&bytes, true);
        check_annotations(&bytes);
        for i in 0..4 {
            let _ = wasm::disassemble(&bytes, i);
        }
    }

    /// Random section ids and sizes with random contents: reaches the section
    /// dispatch and ordering rules far more often than raw bytes do.
    #[test]
    fn random_sections_never_panic(sections in prop::collection::vec((0u8..16, prop::collection::vec(any::<u8>(), 0..40)), 0..8)) {
        let mut bytes = b"\0asm\x01\0\0\0".to_vec();
        for (id, content) in sections {
            bytes.push(id);
            bytes.extend(leb128::write_u64(content.len() as u64));
            bytes.extend(content);
        }
        check(&bytes, true);
        check_annotations(&bytes);
    }

    /// Function bodies of random instruction bytes in an otherwise valid module.
    #[test]
    fn random_bodies_agree(code in prop::collection::vec(any::<u8>(), 0..60)) {
        let mut body = vec![0x00];
        body.extend(code);
        body.push(0x0B);
        check(&module_with_body(&body), true);
    }

    /// LEB128 agrees with wasmparser's readers: same value, same length, same
    /// accept/reject, on any bytes.
    #[test]
    fn leb128_agrees_with_wasmparser(bytes in prop::collection::vec(any::<u8>(), 0..12)) {
        let theirs = |f: fn(&mut BinaryReader) -> wasmparser::Result<i128>| {
            let mut r = BinaryReader::new(&bytes, 0);
            f(&mut r).ok().map(|v| (v, r.current_position()))
        };
        let ours_u32 = leb128::read_u32(&bytes).ok().map(|(v, n)| (i128::from(v), n));
        prop_assert_eq!(ours_u32, theirs(|r| r.read_var_u32().map(i128::from)));
        let ours_i32 = leb128::read_i32(&bytes).ok().map(|(v, n)| (i128::from(v), n));
        prop_assert_eq!(ours_i32, theirs(|r| r.read_var_i32().map(i128::from)));
        let ours_u64 = leb128::read_u64(&bytes).ok().map(|(v, n)| (i128::from(v), n));
        prop_assert_eq!(ours_u64, theirs(|r| r.read_var_u64().map(i128::from)));
        let ours_i64 = leb128::read_i64(&bytes).ok().map(|(v, n)| (i128::from(v), n));
        prop_assert_eq!(ours_i64, theirs(|r| r.read_var_i64().map(i128::from)));
        let ours_s33 = leb128::read_s33(&bytes).ok().map(|(v, n)| (i128::from(v), n));
        prop_assert_eq!(ours_s33, theirs(|r| r.read_var_s33().map(i128::from)));
    }

    #[test]
    fn leb128_round_trips(v in any::<u64>(), s in any::<i64>()) {
        prop_assert_eq!(leb128::read_u64(&leb128::write_u64(v)).ok(), Some((v, leb128::write_u64(v).len())));
        prop_assert_eq!(leb128::read_i64(&leb128::write_i64(s)).ok(), Some((s, leb128::write_i64(s).len())));
    }
}
