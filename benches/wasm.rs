//! lab::wasm on hostile inputs grown tenfold at each step (deeply nested blocks, a
//! giant br_table, thousands of local declarations and custom sections, a huge
//! name map, many small functions): the time per byte stays flat, which is what
//! "linear work on any input" means. wasmparser reading the same bytes (every
//! section, local and operator, no validation) runs beside it for scale.
//!
//! Short run: `cargo bench --bench wasm -- --warm-up-time 1 --measurement-time 2`

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use wasm_playground::lab::wasm::{self, leb128};

fn section(m: &mut Vec<u8>, id: u8, content: &[u8]) {
    m.push(id);
    m.extend(leb128::write_u64(content.len() as u64));
    m.extend_from_slice(content);
}

/// `() -> ()` functions with these bodies (local declarations included).
fn module(bodies: &[Vec<u8>], customs: &[Vec<u8>]) -> Vec<u8> {
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    section(&mut m, 1, &[1, 0x60, 0, 0]);
    let mut funcs = leb128::write_u64(bodies.len() as u64);
    funcs.extend(std::iter::repeat_n(0, bodies.len()));
    section(&mut m, 3, &funcs);
    let mut code = leb128::write_u64(bodies.len() as u64);
    for b in bodies {
        code.extend(leb128::write_u64(b.len() as u64));
        code.extend_from_slice(b);
    }
    section(&mut m, 10, &code);
    for c in customs {
        section(&mut m, 0, c);
    }
    m
}

fn nested_blocks(n: usize) -> Vec<u8> {
    let mut b = vec![0];
    for _ in 0..n {
        b.extend([0x02, 0x40]);
    }
    b.extend(std::iter::repeat_n(0x0B, n + 1));
    module(&[b], &[])
}

fn br_table(n: usize) -> Vec<u8> {
    let mut b = vec![0, 0x41, 0, 0x0E];
    b.extend(leb128::write_u64(n as u64));
    b.extend(std::iter::repeat_n(0, n + 1));
    b.push(0x0B);
    module(&[b], &[])
}

fn local_runs(n: usize) -> Vec<u8> {
    let mut b = leb128::write_u64(n as u64);
    for _ in 0..n {
        b.extend([1, 0x7F]);
    }
    b.push(0x0B);
    module(&[b], &[])
}

fn custom_sections(n: usize) -> Vec<u8> {
    let customs: Vec<Vec<u8>> = (0..n).map(|_| b"\x01x".to_vec()).collect();
    module(&[vec![0, 0x0B]], &customs)
}

fn name_map(n: usize) -> Vec<u8> {
    let mut map = leb128::write_u64(n as u64);
    for i in 0..n {
        map.extend(leb128::write_u64(i as u64));
        map.extend(b"\x04name");
    }
    let mut names = b"\x04name\x01".to_vec();
    names.extend(leb128::write_u64(map.len() as u64));
    names.extend(map);
    module(&[vec![0, 0x0B]], &[names])
}

fn many_functions(n: usize) -> Vec<u8> {
    let body = vec![
        1, 2, 0x7F, 0x20, 0, 0x20, 1, 0x6A, 0x21, 0, 0x41, 0x2A, 0x28, 2, 8, 0x1A, 0x0B,
    ];
    module(&vec![body; n], &[])
}

/// wasmparser reading everything lab::wasm reads.
fn wasmparser_reads(bytes: &[u8]) -> usize {
    let mut ops = 0;
    for payload in wasmparser::Parser::new(0).parse_all(bytes) {
        match payload.expect("bench inputs are well formed") {
            wasmparser::Payload::CodeSectionEntry(body) => {
                let mut locals = body.get_locals_reader().expect("locals");
                for _ in 0..locals.get_count() {
                    locals.read().expect("local");
                }
                let mut r = wasmparser::OperatorsReader::new(locals.get_binary_reader());
                while !r.eof() {
                    r.read().expect("operator");
                    ops += 1;
                }
            }
            wasmparser::Payload::CustomSection(c) if c.name() == "name" => {
                if let wasmparser::KnownCustom::Name(names) = c.as_known() {
                    for n in names {
                        if let wasmparser::Name::Function(map) = n.expect("subsection") {
                            ops += map.count();
                        }
                    }
                }
            }
            _ => {}
        }
    }
    ops
}

/// Makes a well-formed module whose hostile part has the given size.
type Generator = fn(usize) -> Vec<u8>;

fn bench_hostile(c: &mut Criterion) {
    let shapes: [(&str, Generator); 6] = [
        ("nested blocks", nested_blocks),
        ("br_table targets", br_table),
        ("local declarations", local_runs),
        ("custom sections", custom_sections),
        ("function names", name_map),
        ("small functions", many_functions),
    ];
    for (name, make) in shapes {
        let mut group = c.benchmark_group(name);
        group.sample_size(10);
        for n in [1_000, 10_000, 100_000] {
            let bytes = make(n);
            assert!(wasm::parse(&bytes).is_ok(), "{name} x {n} is well formed");
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(
                BenchmarkId::new("lab::wasm::parse", n),
                &bytes,
                |b, bytes| b.iter(|| wasm::parse(black_box(bytes))),
            );
            group.bench_with_input(BenchmarkId::new("wasmparser", n), &bytes, |b, bytes| {
                b.iter(|| wasmparser_reads(black_box(bytes)))
            });
        }
        group.finish();
    }
}

/// The hex view's question "what are these 64 bytes?" on growing hostile input:
/// the whole module is still read, so this too must stay linear.
fn bench_annotate(c: &mut Criterion) {
    let mut group = c.benchmark_group("annotate a 64-byte window of nested blocks");
    group.sample_size(10);
    for n in [1_000, 10_000, 100_000] {
        let bytes = nested_blocks(n);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("lab::wasm::annotate", n),
            &bytes,
            |b, bytes| {
                let middle = bytes.len() / 2;
                b.iter(|| wasm::annotate(black_box(bytes), middle..middle + 64))
            },
        );
    }
    group.finish();
}

fn bench_hello(c: &mut Criterion) {
    let bytes = include_bytes!("../tests/fixtures/wasm/hello_wasm_bg.wasm");
    let mut group = c.benchmark_group("hello_wasm_bg.wasm");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("lab::wasm::parse", |b| {
        b.iter(|| wasm::parse(black_box(bytes)))
    });
    group.bench_function("wasmparser", |b| {
        b.iter(|| wasmparser_reads(black_box(bytes)))
    });
    let info = wasm::inspect(bytes).expect("fixture");
    group.bench_function("lab::wasm disassemble every function", |b| {
        b.iter(|| {
            info.module
                .functions
                .iter()
                .map(|f| info.disassemble(bytes, f.index).map_or(0, |t| t.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_hostile, bench_annotate, bench_hello);
criterion_main!(benches);
