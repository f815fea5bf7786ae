use super::leb128::{self, LebError};
use super::*;

const HEADER: &[u8] = b"\0asm\x01\0\0\0";

/// A module from a header and (id, contents) sections.
fn module(sections: &[(u8, &[u8])]) -> Vec<u8> {
    let mut m = HEADER.to_vec();
    for (id, content) in sections {
        m.push(*id);
        m.extend(leb128::write_u64(content.len() as u64));
        m.extend_from_slice(content);
    }
    m
}

/// One function `() -> ()` with the given body (local declarations included).
fn one_function(body: &[u8]) -> Vec<u8> {
    let mut code = vec![1];
    code.extend(leb128::write_u64(body.len() as u64));
    code.extend_from_slice(body);
    module(&[(1, &[1, 0x60, 0, 0]), (3, &[1, 0]), (10, &code)])
}

fn error(bytes: &[u8]) -> WasmError {
    parse(bytes).expect_err("must be rejected")
}

#[test]
fn leb128_follows_the_spec_length_and_unused_bit_rules() {
    assert_eq!(leb128::read_u32(&[0x05]), Ok((5, 1)));
    assert_eq!(leb128::read_u32(&[0xE5, 0x8E, 0x26]), Ok((624_485, 3)));
    // Redundant zero bytes within the length limit are allowed.
    assert_eq!(
        leb128::read_u32(&[0x80, 0x80, 0x80, 0x80, 0x00]),
        Ok((0, 5))
    );
    assert_eq!(
        leb128::read_u32(&[0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        Ok((u32::MAX, 5))
    );
    // Bit 32 set: does not fit.
    assert_eq!(
        leb128::read_u32(&[0x80, 0x80, 0x80, 0x80, 0x10]),
        Err(LebError::TooLarge)
    );
    // A sixth byte is never allowed.
    assert_eq!(
        leb128::read_u32(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x00]),
        Err(LebError::TooLong)
    );
    assert_eq!(leb128::read_u32(&[0x80]), Err(LebError::UnexpectedEnd));
    assert_eq!(leb128::read_u32(&[]), Err(LebError::UnexpectedEnd));

    assert_eq!(leb128::read_i32(&[0x7F]), Ok((-1, 1)));
    assert_eq!(leb128::read_i32(&[0x3F]), Ok((63, 1)));
    assert_eq!(leb128::read_i32(&[0xC0, 0x00]), Ok((64, 2)));
    assert_eq!(leb128::read_i32(&[0x40]), Ok((-64, 1)));
    assert_eq!(
        leb128::read_i32(&[0x80, 0x80, 0x80, 0x80, 0x78]),
        Ok((i32::MIN, 5))
    );
    assert_eq!(
        leb128::read_i32(&[0xFF, 0xFF, 0xFF, 0xFF, 0x7F]),
        Ok((-1, 5))
    );
    // The unused bits of the fifth byte must copy the sign bit.
    assert_eq!(
        leb128::read_i32(&[0xFF, 0xFF, 0xFF, 0xFF, 0x4F]),
        Err(LebError::TooLarge)
    );
    assert_eq!(
        leb128::read_i32(&[0x80, 0x80, 0x80, 0x80, 0x08]),
        Err(LebError::TooLarge)
    );

    assert_eq!(
        leb128::read_u64(&[0xFF; 9].iter().chain(&[0x01]).copied().collect::<Vec<_>>()),
        Ok((u64::MAX, 10))
    );
    assert_eq!(
        leb128::read_u64(&[0xFF; 9].iter().chain(&[0x02]).copied().collect::<Vec<_>>()),
        Err(LebError::TooLarge)
    );
    assert_eq!(
        leb128::read_i64(&[0x80; 9].iter().chain(&[0x7F]).copied().collect::<Vec<_>>()),
        Ok((i64::MIN, 10))
    );
    assert_eq!(
        leb128::read_i64(&[0x80; 9].iter().chain(&[0x01]).copied().collect::<Vec<_>>()),
        Err(LebError::TooLarge)
    );
    assert_eq!(
        leb128::read_s33(&[0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        Ok(((1 << 32) - 1, 5))
    );
    assert_eq!(
        leb128::read_s33(&[0x80, 0x80, 0x80, 0x80, 0x70]),
        Ok((-(1 << 32), 5))
    );

    for v in [
        0,
        1,
        63,
        64,
        127,
        128,
        624_485,
        u64::from(u32::MAX),
        u64::MAX,
    ] {
        assert_eq!(leb128::read_u64(&leb128::write_u64(v)).map(|r| r.0), Ok(v));
    }
    for v in [0, -1, 63, 64, -64, -65, i64::MIN, i64::MAX] {
        assert_eq!(leb128::read_i64(&leb128::write_i64(v)).map(|r| r.0), Ok(v));
    }
}

#[test]
fn the_header_is_checked_with_messages_a_person_understands() {
    assert!(error(b"").message.contains("00 61 73 6D"));
    assert!(
        error(b"\x7fELF\x02\x01\x01\0")
            .message
            .contains("7F 45 4C 46")
    );
    assert_eq!(error(b"\0asm\x01\0").offset, 4);
    assert!(error(b"\0asm\x0d\0\x01\0").message.contains("component"));
    assert!(error(b"\0asm\x02\0\0\0").message.contains("version 2"));
    assert_eq!(parse(HEADER).unwrap().version, 1);
}

#[test]
fn sections_are_bounded_ordered_and_known() {
    // A size that runs past the end of the file.
    let e = error(&[HEADER, &[1, 10, 0]].concat());
    assert_eq!(e.offset, 9);
    // Out of order, and twice.
    let e = error(&module(&[(3, &[0]), (1, &[0])]));
    assert!(e.message.contains("before"), "{e}");
    assert!(
        error(&module(&[(1, &[0]), (1, &[0])]))
            .message
            .contains("second type")
    );
    // Custom sections may go anywhere, any number of times.
    let m = parse(&module(&[(0, b"\x01a"), (1, &[0]), (0, b"\x01a")])).unwrap();
    assert_eq!(m.sections.len(), 3);
    assert_eq!(m.sections[0].name, "a");
    assert!(
        error(&module(&[(14, &[])]))
            .message
            .contains("unknown section id 14")
    );
    // Leftover bytes after a section's entries.
    assert!(
        error(&module(&[(1, &[0, 0])]))
            .message
            .contains("left over")
    );
    // A custom section needs a valid UTF-8 name.
    assert!(error(&module(&[(0, &[1, 0xFF])])).message.contains("UTF-8"));
}

#[test]
fn section_offset_and_size_cover_id_size_field_and_contents() {
    let m = parse(&module(&[
        (1, &[1, 0x60, 0, 0]),
        (0, &[4, b'n', b'o', b't', b'e', 9]),
    ]))
    .unwrap();
    assert_eq!(
        m.sections,
        [
            Section {
                id: 1,
                name: "type".into(),
                offset: 8,
                size: 6
            },
            Section {
                id: 0,
                name: "note".into(),
                offset: 14,
                size: 8
            },
        ]
    );
}

#[test]
fn counts_that_cannot_fit_fail_before_anything_is_allocated() {
    // 4 billion imports promised in a 5-byte section.
    let e = error(&module(&[(2, &[0xFF, 0xFF, 0xFF, 0xFF, 0x0F])]));
    assert!(e.message.contains("4294967295"), "{e}");
    let e = error(&one_function(&[0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B]));
    assert!(e.message.contains("local declarations"), "{e}");
    // Declared local counts that add up past u32.
    let e = error(&one_function(&[
        2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x01, 0x7F, 0x0B,
    ]));
    assert!(e.message.contains("too many locals"), "{e}");
}

#[test]
fn function_and_code_sections_must_agree() {
    let e = error(&module(&[(1, &[1, 0x60, 0, 0]), (3, &[1, 0])]));
    assert!(e.message.contains("no code section"), "{e}");
    let e = error(&module(&[(1, &[1, 0x60, 0, 0]), (3, &[1, 0]), (10, &[0])]));
    assert!(e.message.contains("declares 1"), "{e}");
    let e = error(&module(&[(12, &[1])]));
    assert!(e.message.contains("no data section"), "{e}");
    let e = error(&module(&[(12, &[2]), (11, &[1, 1, 0])]));
    assert!(e.message.contains("says 2"), "{e}");
}

#[test]
fn bodies_must_nest_and_end_exactly() {
    assert_eq!(disassemble(&one_function(&[0, 0x0B]), 0).unwrap(), ["end"]);
    let e = error(&one_function(&[0, 0x02, 0x40, 0x0B]));
    assert!(e.message.contains("still open"), "{e}");
    let e = error(&one_function(&[0, 0x0B, 0x01]));
    assert!(e.message.contains("after the end"), "{e}");
    let e = error(&one_function(&[0, 0x05, 0x0B]));
    assert!(e.message.contains("`else` outside"), "{e}");
    // `else` twice in one `if`.
    let e = error(&one_function(&[0, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B]));
    assert!(e.message.contains("`else`"), "{e}");
    let ok = one_function(&[
        0, 0x41, 1, 0x04, 0x7F, 0x41, 2, 0x05, 0x41, 3, 0x0B, 0x1A, 0x0B,
    ]);
    assert_eq!(
        disassemble(&ok, 0).unwrap(),
        [
            "i32.const 1",
            "if (result i32)",
            "i32.const 2",
            "else",
            "i32.const 3",
            "end",
            "drop",
            "end"
        ]
    );
}

#[test]
fn later_proposals_are_refused_by_name() {
    for (body, proposal) in [
        (&[0, 0x06, 0x40, 0x0B, 0x0B][..], "exception handling"),
        (&[0, 0x12, 0, 0x0B], "tail calls"),
        (&[0, 0xFB, 0, 0, 0x0B], "garbage collection"),
        (&[0, 0xFE, 0, 0x0B], "threads"),
        (&[0, 0xFD, 0x80, 0x02, 0x0B], "relaxed SIMD"),
    ] {
        let e = error(&one_function(body));
        assert!(e.message.contains(proposal), "{e}");
    }
    assert!(
        error(&one_function(&[0, 0xFF, 0x0B]))
            .message
            .contains("illegal opcode 0xff")
    );
}

#[test]
fn a_million_nested_blocks_are_read_without_recursion() {
    let depth = 1_000_000;
    let mut body = vec![0];
    for _ in 0..depth {
        body.extend([0x02, 0x40]);
    }
    body.extend(std::iter::repeat_n(0x0B, depth + 1));
    let bytes = one_function(&body);
    let info = inspect(&bytes).unwrap();
    assert_eq!(info.bodies[0].instruction_count as usize, 2 * depth + 1);
    let text = info.disassemble(&bytes, 0).unwrap();
    assert_eq!(text.len(), 2 * depth + 1);
    assert_eq!(text[0], "block");
}

#[test]
fn imported_functions_count_first_and_have_no_body() {
    // (import "env" "f" (func)) then one defined function.
    let mut code = vec![1, 2, 0, 0x0B];
    code.shrink_to_fit();
    let bytes = module(&[
        (1, &[1, 0x60, 0, 0]),
        (2, &[1, 3, b'e', b'n', b'v', 1, b'f', 0, 0]),
        (3, &[1, 0]),
        (7, &[1, 1, b'g', 0, 1]),
        (10, &code),
    ]);
    let info = inspect(&bytes).unwrap();
    assert_eq!(info.module.functions[0].index, 1);
    assert_eq!(info.module.exports[0].index, 1);
    assert_eq!(info.imported_functions, 1);
    let e = info.disassemble(&bytes, 0).unwrap_err();
    assert!(e.message.contains("env.f"), "{e}");
    assert!(info.disassemble(&bytes, 2).is_err());
    assert_eq!(info.disassemble(&bytes, 1).unwrap(), ["end"]);
    assert_eq!(ExternKind::Func.js_kind(), "function");
    assert_eq!(ExternKind::Memory.js_kind(), "memory");
}

#[test]
fn names_come_from_the_name_section_and_a_broken_one_is_ignored() {
    let names = [0u8, 2, 1, b'm', 1, 6, 1, 0, 3, b'r', b'u', b'n'];
    let mut custom = vec![4, b'n', b'a', b'm', b'e'];
    custom.extend_from_slice(&names);
    let mut bytes = one_function(&[0, 0x0B]);
    bytes.push(0);
    bytes.extend(leb128::write_u64(custom.len() as u64));
    bytes.extend_from_slice(&custom);
    let info = inspect(&bytes).unwrap();
    assert_eq!(info.module.functions[0].name.as_deref(), Some("run"));
    assert_eq!(info.module_name.as_deref(), Some("m"));
    assert!(info.custom_issues.is_empty());

    // The same with the name cut short: the module is fine, the names are not used.
    let last = bytes.len() - 1;
    bytes[last - 3] = 9;
    let info = inspect(&bytes).unwrap();
    assert_eq!(info.module.functions[0].name, None);
    assert_eq!(info.custom_issues.len(), 1, "{:?}", info.custom_issues);
}

#[test]
fn annotations_say_what_each_byte_is() {
    // (module (func (export "answer") (result i32) i32.const 42))
    let bytes = [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7F,
        0x03, 0x02, 0x01, 0x00, 0x07, 0x0A, 0x01, 0x06, b'a', b'n', b's', b'w', b'e', b'r', 0x00,
        0x00, 0x0A, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2A, 0x0B,
    ];
    let notes = annotate(&bytes, 0..bytes.len());
    assert!(notes.error.is_none());
    let labels =
        |offset| -> Vec<String> { notes.at(offset).iter().map(|s| s.label.clone()).collect() };
    assert_eq!(
        labels(20),
        [
            "export section: 12 bytes",
            "section header: export, size 10",
            "section size: LEB128 u32 = 10"
        ]
    );
    let at_name = labels(24);
    assert!(
        at_name.contains(&"export name \"answer\"".to_string()),
        "{at_name:?}"
    );
    assert!(
        at_name.contains(&"export 0: \"answer\" = func 0".to_string()),
        "{at_name:?}"
    );
    let at_const = labels(37);
    assert!(
        at_const.contains(&"i32.const 42".to_string()),
        "{at_const:?}"
    );
    assert!(
        at_const.contains(&"immediates of i32.const".to_string()),
        "{at_const:?}"
    );
    assert_eq!(notes.at(36).last().unwrap().label, "opcode 41 = i32.const");
    // Depths count the enclosing spans: section, function body, instruction, opcode.
    let depths: Vec<u8> = notes.at(36).iter().map(|s| s.depth).collect();
    assert_eq!(depths, [0, 1, 2, 3]);

    // A window only gets the spans that touch it.
    let window = annotate(&bytes, 36..37);
    assert!(window.spans.iter().all(|s| s.start < 37 && s.end > 36));

    // A malformed module keeps the spans before the problem.
    let broken = &bytes[..30];
    let notes = annotate(broken, 0..broken.len());
    assert!(notes.error.is_some());
    assert!(
        notes
            .spans
            .iter()
            .any(|s| s.label.starts_with("magic number"))
    );
}

#[test]
fn byte_totals_and_largest_functions() {
    let bytes = one_function(&[0, 0x01, 0x01, 0x0B]);
    let info = inspect(&bytes).unwrap();
    let t = info.byte_totals();
    assert_eq!(t.total(), bytes.len());
    assert_eq!(t.code, info.module.sections[2].size);
    assert_eq!(info.largest_functions(5).len(), 1);
    assert_eq!(info.largest_functions(0).len(), 0);
}

#[test]
fn extern_types_read_as_the_text_format_writes_them() {
    let t = TableType {
        element: RefType::FUNCREF,
        initial: 1,
        maximum: Some(10),
    };
    assert_eq!(t.to_string(), "1 10 funcref");
    let m = MemoryType {
        initial: 17,
        maximum: None,
        shared: false,
    };
    assert_eq!(m.to_string(), "17");
    let g = GlobalType {
        content: ValType::I32,
        mutable: true,
    };
    assert_eq!(g.to_string(), "(mut i32)");
    let r = RefType {
        nullable: false,
        heap: HeapType::Concrete(3),
    };
    assert_eq!(r.to_string(), "(ref 3)");
    let r = RefType {
        nullable: true,
        heap: HeapType::Cont,
    };
    assert_eq!(r.to_string(), "(ref null cont)");
}

#[test]
fn truncations_of_a_module_are_errors_not_panics() {
    let bytes = one_function(&[1, 2, 0x7E, 0x41, 0x80, 0x01, 0x1A, 0x0B]);
    let m = parse(&bytes).unwrap();
    // Cutting between sections leaves a (smaller) module, except right after the
    // function section, whose code section is then missing; anywhere else is an error.
    let boundaries: Vec<usize> = m.sections.iter().map(|s| s.offset).collect();
    for n in 0..bytes.len() {
        let cut = parse(&bytes[..n]);
        assert_eq!(
            cut.is_ok(),
            boundaries.contains(&n) && n != m.sections[2].offset,
            "prefix of {n} bytes"
        );
        let _ = annotate(&bytes[..n], 0..n);
    }
}

#[test]
fn a_hand_edited_module_info_cannot_make_the_helpers_panic() {
    let bytes = one_function(&[0, 0x0B]);
    let mut info = inspect(&bytes).unwrap();
    info.module.functions[0].body_offset = usize::MAX;
    info.module.functions[0].body_size = usize::MAX;
    info.bodies[0].instruction_count = u32::MAX;
    let _ = info.disassemble(&bytes, 0);
    info.module.sections[0].size = usize::MAX;
    assert_eq!(info.byte_totals().total(), usize::MAX);
}

#[test]
fn the_outline_is_inspect_without_the_instructions_and_decode_body_adds_them() {
    let hello: &[u8] = include_bytes!("../../../tests/fixtures/wasm/hello_wasm_bg.wasm");
    for bytes in [hello, &one_function(&[0, 0x41, 0x2A, 0x1A, 0x0B])] {
        let full = inspect(bytes).unwrap();
        let outline = inspect_outline(bytes).unwrap();
        assert!(outline.bodies.iter().all(|b| b.instruction_count == 0));
        let mut counted = outline.clone();
        for (k, body) in counted.bodies.iter_mut().enumerate() {
            body.instruction_count = outline.decode_body(bytes, k).unwrap();
        }
        assert_eq!(counted, full);
    }
    // A broken body passes the outline, and decode_body finds what inspect finds.
    let broken = one_function(&[0, 0x41, 0x2A, 0x0B, 0x0B]);
    let outline = inspect_outline(&broken).unwrap();
    assert_eq!(outline.decode_body(&broken, 0), Err(error(&broken)));
    assert!(outline.decode_body(&broken, 1).is_err());
    assert!(outline.decode_body(&broken, usize::MAX).is_err());
}

mod outline_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes (and any single-byte change of the hello module): the outline and
        /// every body decode give Ok or an error, never a panic, and a module the
        /// outline accepts with every body decoding is a module inspect accepts.
        #[test]
        fn the_outline_and_decode_body_never_panic(
            tail in prop::collection::vec(any::<u8>(), 0..400),
            at in any::<usize>(),
            value in any::<u8>(),
        ) {
            let mut hello = include_bytes!("../../../tests/fixtures/wasm/hello_wasm_bg.wasm").to_vec();
            let i = at % hello.len();
            hello[i] = value;
            let mut random = HEADER.to_vec();
            random.extend(tail);
            for bytes in [hello, random] {
                if let Ok(outline) = inspect_outline(&bytes) {
                    let all_decode = (0..outline.bodies.len()).all(|k| outline.decode_body(&bytes, k).is_ok());
                    if all_decode {
                        prop_assert!(inspect(&bytes).is_ok());
                    }
                } else {
                    prop_assert!(inspect(&bytes).is_err());
                }
            }
        }
    }
}
