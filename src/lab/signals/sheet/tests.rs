use super::*;

fn c(name: &str) -> CellRef {
    CellRef::parse(name).unwrap()
}

fn sheet(cells: &[(&str, &str)]) -> Sheet {
    let s = Sheet::default();
    for &(name, text) in cells {
        s.set(c(name), text).unwrap();
    }
    s
}

fn show(s: &Sheet, name: &str) -> String {
    s.display(c(name))
}

#[test]
fn values_of_every_kind() {
    let s = sheet(&[
        ("A1", "2"),
        ("B2", " 3.5 "),
        ("C1", "hello"),
        ("A2", "=A1+B2*2"),
        ("A3", "=(A1+B2)*2"),
        ("A4", "=-A1--3"),
        ("A5", "=1.5e2/3"),
        ("A6", "=0.1+0.2"),
        ("A7", "=D9"),
    ]);
    assert_eq!(s.value(c("A1")), CellValue::Number(2.0));
    assert_eq!(s.value(c("C1")), CellValue::Text("hello".into()));
    assert_eq!(s.value(c("J20")), CellValue::Empty);
    assert_eq!(show(&s, "A2"), "9");
    assert_eq!(show(&s, "A3"), "11");
    assert_eq!(show(&s, "A4"), "1");
    assert_eq!(show(&s, "A5"), "50");
    assert_eq!(show(&s, "A6"), "0.3");
    assert_eq!(show(&s, "A7"), "0", "empty cells count as 0");
    assert_eq!(show(&s, "C1"), "hello");
    assert_eq!(show(&s, "J20"), "");
}

#[test]
fn functions_over_ranges() {
    let s = sheet(&[
        ("A1", "1"),
        ("A2", "2"),
        ("A3", "text"),
        ("A5", "5"),
        ("B1", "=SUM(A1:A5)"),
        ("B2", "=avg(A1:A5)"),
        ("B3", "=Min(A5:A1)"),
        ("B4", "=MAX(A1:A5, 10)"),
        ("B5", "=COUNT(A1:A5)"),
        ("B6", "=AVERAGE(C1:C3)"),
        ("B7", "=MAX(C1:C3)"),
        ("B8", "=SUM(A1:A2, A5*2, 0.5)"),
    ]);
    assert_eq!(show(&s, "B1"), "8");
    assert_eq!(show(&s, "B2"), "2.66666666666667");
    assert_eq!(show(&s, "B3"), "1");
    assert_eq!(show(&s, "B4"), "10");
    assert_eq!(show(&s, "B5"), "3");
    assert_eq!(show(&s, "B6"), "#DIV/0!");
    assert_eq!(show(&s, "B7"), "0");
    assert_eq!(show(&s, "B8"), "13.5");
}

#[test]
fn errors_show_codes_and_reasons() {
    let s = sheet(&[
        ("A1", "=1+"),
        ("A2", "=1/0"),
        ("A3", "=K1"),
        ("A4", "=SUM(A1:Z1)"),
        ("A5", "=C1*2"),
        ("C1", "word"),
        ("A6", "=1e300*1e300"),
        ("A7", "1e999"),
        ("A8", "=A2+1"),
        ("A9", "=FOO(1)"),
    ]);
    assert_eq!(show(&s, "A1"), "#ERR");
    let reason = s.reason(c("A1")).unwrap();
    assert!(reason.contains("character 4"), "{reason}");
    assert_eq!(show(&s, "A2"), "#DIV/0!");
    assert_eq!(show(&s, "A3"), "#REF!");
    assert!(s.reason(c("A3")).unwrap().contains("K1 is outside"));
    assert_eq!(show(&s, "A4"), "#REF!");
    assert_eq!(show(&s, "A5"), "#VALUE!");
    assert!(s.reason(c("A5")).unwrap().contains("C1 holds text"));
    assert_eq!(show(&s, "A6"), "#NUM!");
    assert_eq!(show(&s, "A7"), "#NUM!");
    assert_eq!(show(&s, "A8"), "#DIV/0!");
    assert!(s.reason(c("A8")).unwrap().contains("refers to A2"));
    assert!(
        s.reason(c("A9"))
            .unwrap()
            .contains("unknown function 'FOO'")
    );
    assert_eq!(s.reason(c("C1")), None);
}

#[test]
fn cycles_show_everywhere_in_the_loop_and_heal() {
    let s = sheet(&[
        ("A1", "=B1+1"),
        ("B1", "=C1*2"),
        ("C1", "=A1"),
        ("D1", "=B1+100"),
        ("E1", "7"),
        ("F1", "=E1*6"),
    ]);
    for name in ["A1", "B1", "C1"] {
        assert_eq!(show(&s, name), "#CYCLE", "{name}");
        assert!(s.reason(c(name)).unwrap().contains("cycle"));
    }
    assert_eq!(show(&s, "D1"), "#CYCLE");
    assert!(s.reason(c("D1")).unwrap().contains("refers to B1"));
    assert_eq!(show(&s, "F1"), "42", "the rest of the sheet works");
    s.set(c("C1"), "5").unwrap();
    assert_eq!(show(&s, "A1"), "11");
    assert_eq!(show(&s, "B1"), "10");
    assert_eq!(show(&s, "D1"), "110");
    // And back into a cycle.
    s.set(c("C1"), "=A1").unwrap();
    assert_eq!(show(&s, "D1"), "#CYCLE");
}

#[test]
fn self_reference_and_range_cycles() {
    let s = sheet(&[("A1", "=A1+1"), ("B1", "1"), ("B2", "=SUM(B1:B3)")]);
    assert_eq!(show(&s, "A1"), "#CYCLE");
    assert_eq!(show(&s, "B2"), "#CYCLE");
    s.set(c("B2"), "=SUM(B1)").unwrap();
    assert_eq!(show(&s, "B2"), "1");
}

/// The case proptest shrank `incremental_matches_fresh` to
/// (proptest-regressions/lab/signals/sheet/tests.txt), replayed exactly. C1 is on the
/// static loop C1 → A3 → D2 → C1 but its formula reads B4 (`#ERR`) first: the live
/// sheet used to show `#CYCLE` and a fresh load `#ERR`, depending on which memos had
/// run. A cell on a cycle now always shows `#CYCLE`.
#[test]
fn cycle_beats_an_earlier_error_whatever_the_evaluation_order() {
    let edits: &[(u32, u32, &str)] = &[
        (0, 0, ""),
        (0, 1, ""),
        (0, 0, ""),
        (0, 0, "=((MAX(A2:A2)+1)*8)"),
        (2, 3, "text"),
        (3, 0, ""),
        (0, 1, "=(((SUM(A2:C1)/D3)*SUM(A2:D2))+(B4*(D1/MAX(D3:D4))))"),
        (1, 1, "text"),
        (3, 3, "-26"),
        (1, 1, "=1+"),
        (0, 1, "-64"),
        (2, 0, "=(((MAX(B4:B4)*B4)+D1)-(4+(A3-MAX(A2:B4))))"),
        (2, 1, "=1+"),
        (2, 2, ""),
        (3, 1, "=((SUM(A1:D1)*D3)+(2*13))"),
        (2, 1, "-29"),
        (2, 2, "=1+"),
        (1, 3, "text"),
        (1, 3, "=(MAX(C4:B4)*(13-(SUM(D3:B2)+MAX(D1:C1))))"),
        (3, 0, "=1+"),
        (0, 2, "=((D1*SUM(D2:A2))/-1)"),
        (0, 1, "=1+"),
        (0, 0, "10"),
        (0, 0, "text"),
        (1, 0, "-99"),
        (0, 1, "99"),
        (1, 2, "text"),
        (1, 3, "=1+"),
    ];
    let live = Sheet::new(4, 4).unwrap();
    for (i, &(col, row, text)) in edits.iter().enumerate() {
        live.set(CellRef::new(col, row), text).unwrap();
        if i % 3 == 0 {
            live.value(CellRef::new(row, col));
        }
    }
    let fresh = Sheet::from_compact(&live.to_compact()).unwrap();
    // Read the fresh sheet in the opposite order too: order must not matter.
    let backwards = Sheet::from_compact(&live.to_compact()).unwrap();
    for i in (0..16).rev() {
        backwards.value(CellRef::new(i % 4, i / 4));
    }
    for row in 0..4 {
        for col in 0..4 {
            let cell = CellRef::new(col, row);
            assert_eq!(live.display(cell), fresh.display(cell), "{cell}");
            assert_eq!(live.display(cell), backwards.display(cell), "{cell}");
            assert_eq!(live.reason(cell), fresh.reason(cell), "{cell}");
        }
    }
    for name in ["C1", "A3", "D2"] {
        assert_eq!(live.display(c(name)), "#CYCLE", "{name}");
        assert!(
            live.reason(c(name))
                .unwrap()
                .contains("part of a reference cycle")
        );
    }
    // Off the loop, cells keep their own values and errors.
    assert_eq!(live.display(c("B4")), "#ERR");
    assert_eq!(live.display(c("A2")), "99");
}

/// Rule 2 of the module doc: outside a cycle, the first error met left to right wins,
/// and a cycle read through a reference shows as `#CYCLE` only if it comes first.
#[test]
fn off_a_cycle_the_first_error_left_to_right_wins() {
    let s = sheet(&[
        ("A1", "=B1"),
        ("B1", "=A1"),
        ("C1", "=1+"),
        ("D1", "=C1+A1"),
        ("E1", "=A1+C1"),
        ("F1", "=SUM(C1:E1)"),
        ("G1", "=1/0+C1"),
    ]);
    let reverse = sheet(&[
        ("A1", "=B1"),
        ("B1", "=A1"),
        ("C1", "=1+"),
        ("D1", "=C1+A1"),
        ("E1", "=A1+C1"),
        ("F1", "=SUM(C1:E1)"),
        ("G1", "=1/0+C1"),
    ]);
    for name in ["G1", "F1", "E1", "D1", "C1", "B1", "A1"] {
        reverse.value(c(name));
    }
    for s in [&s, &reverse] {
        assert_eq!(show(s, "A1"), "#CYCLE");
        assert_eq!(show(s, "B1"), "#CYCLE");
        assert_eq!(show(s, "D1"), "#ERR");
        assert!(s.reason(c("D1")).unwrap().contains("refers to C1"));
        assert_eq!(show(s, "E1"), "#CYCLE");
        assert!(s.reason(c("E1")).unwrap().contains("refers to A1"));
        assert_eq!(show(s, "F1"), "#ERR");
        assert_eq!(show(s, "G1"), "#DIV/0!");
    }
}

/// A reference the evaluation never reaches still closes a loop: the graph is the
/// static one, so `A1 = 1/0 + B1`, `B1 = A1` is a cycle even though A1 stops at 1/0.
#[test]
fn a_cycle_is_static_even_where_evaluation_stops_early() {
    let s = sheet(&[("A1", "=1/0+B1"), ("B1", "=A1"), ("C1", "=A1")]);
    assert_eq!(show(&s, "A1"), "#CYCLE");
    assert_eq!(show(&s, "B1"), "#CYCLE");
    assert_eq!(show(&s, "C1"), "#CYCLE");
    assert!(s.reason(c("C1")).unwrap().contains("refers to A1"));
    s.set(c("B1"), "1").unwrap();
    assert_eq!(show(&s, "A1"), "#DIV/0!");
    assert_eq!(show(&s, "C1"), "#DIV/0!");
}

#[test]
fn editing_recomputes_only_dependents() {
    let s = sheet(&[
        ("A1", "1"),
        ("B1", "=A1*2"),
        ("C1", "=B1+1"),
        ("D1", "5"),
        ("E1", "=D1"),
        ("A2", "=SUM(A1:E1)"),
    ]);
    let read_all = |s: &Sheet| {
        for row in 0..s.rows() {
            for col in 0..s.cols() {
                s.value(CellRef::new(col, row));
            }
        }
    };
    read_all(&s);
    let before = s.recompute_counts();
    assert!(
        before.iter().all(|&n| n <= 1),
        "each cell computed at most once"
    );
    s.set(c("A1"), "2").unwrap();
    read_all(&s);
    let after = s.recompute_counts();
    let changed: Vec<String> = (0..after.len())
        .filter(|&i| after[i] != before[i])
        .map(|i| CellRef::new(i as u32 % s.cols(), i as u32 / s.cols()).name())
        .collect();
    assert_eq!(changed, ["A1", "B1", "C1", "A2"]);
    assert!(after.iter().zip(&before).all(|(a, b)| a - b <= 1));
    assert_eq!(show(&s, "A2"), "21"); // 2 + 4 + 5 + 5 + 5

    // Same formula, other spacing: parses to the same thing, nothing recomputes.
    s.set(c("B1"), "= A1 * 2").unwrap();
    read_all(&s);
    assert_eq!(s.recompute_counts(), after);

    // A value that does not change stops propagation: C1 = B1 + 1 stays 5.
    s.set(c("A1"), "=4/2").unwrap();
    read_all(&s);
    let last = s.recompute_counts();
    assert_eq!(last[0], after[0] + 1, "A1 recomputed");
    assert_eq!(last[1], after[1], "B1 saw an equal A1 and did not run");
}

#[test]
fn dependency_graph_for_drawing() {
    let s = sheet(&[
        ("A1", "1"),
        ("B1", "=A1*2"),
        ("C1", "=SUM(A1:B2)"),
        ("D1", "=A1+C1+K9"),
    ]);
    let names = |v: Vec<CellRef>| v.iter().map(CellRef::name).collect::<Vec<_>>();
    assert_eq!(names(s.dependencies(c("C1"))), ["A1", "B1", "A2", "B2"]);
    assert_eq!(names(s.dependencies(c("D1"))), ["A1", "C1"]);
    assert_eq!(names(s.dependencies(c("A1"))), Vec::<String>::new());
    assert_eq!(names(s.dependents(c("A1"))), ["B1", "C1", "D1"]);
    assert_eq!(names(s.dependents(c("C1"))), ["D1"]);
    assert!(s.dependents(CellRef::new(99, 99)).is_empty());
}

#[test]
fn sizes_and_bounds() {
    assert!(matches!(Sheet::new(0, 5), Err(SheetError::BadSize { .. })));
    assert!(matches!(
        Sheet::new(200, 200),
        Err(SheetError::BadSize { .. })
    ));
    assert!(matches!(
        Sheet::new(u32::MAX, u32::MAX),
        Err(SheetError::BadSize { .. })
    ));
    let s = Sheet::new(8, 20).unwrap();
    assert_eq!((s.cols(), s.rows()), (8, 20));
    assert_eq!(s.cell("h20"), Ok(CellRef::new(7, 19)));
    assert_eq!(s.cell("I1"), Err(SheetError::OutOfGrid(CellRef::new(8, 0))));
    assert!(matches!(s.cell("??"), Err(SheetError::NotACell(_))));
    assert_eq!(
        s.set(CellRef::new(8, 0), "1"),
        Err(SheetError::OutOfGrid(CellRef::new(8, 0)))
    );
    assert_eq!(
        s.set(c("A1"), &"x".repeat(MAX_CELL_CHARS + 1)),
        Err(SheetError::TooLong(c("A1")))
    );
    assert_eq!(show(&s, "Z99"), "#REF!");
    assert_eq!(s.text(c("Z99")), "");
    assert_eq!(s.recompute_count(c("Z99")), 0);
    for e in [
        SheetError::BadSize { cols: 0, rows: 1 },
        SheetError::OutOfGrid(c("A1")),
        SheetError::NotACell("x".into()),
        SheetError::TooLong(c("A1")),
        SheetError::Corrupt {
            offset: 3,
            message: "bad".into(),
        },
    ] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn compact_form_round_trips() {
    let s = sheet(&[
        ("A1", "1"),
        ("B1", "=A1*2"),
        ("C3", "semi;colon \\ back\nslash\ttab\r"),
        ("J20", "=SUM(A1:B1)"),
        ("E5", "ünïcödé ✓"),
    ]);
    let text = s.to_compact();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with("s1;10x20;A1=1;B1==A1*2;C3=semi\\scolon"));
    let back = Sheet::from_compact(&text).unwrap();
    assert_eq!(back.filled(), s.filled());
    assert_eq!(back.display(c("J20")), "3");
    assert_eq!(Sheet::from_compact("s1;3x4").unwrap().filled(), vec![]);
}

#[test]
fn corrupt_compact_forms_are_refused_with_a_place() {
    let cases: &[(&str, &str)] = &[
        ("", "sheet format marker"),
        ("v9;10x20", "sheet format marker"),
        ("s1", "size is missing"),
        ("s1;10", "not a size"),
        ("s1;ax20", "not a number of columns"),
        ("s1;10x-1", "not a number of rows"),
        ("s1;0x20", "not possible"),
        ("s1;999x999", "not possible"),
        ("s1;10x20;A1", "has no '='"),
        ("s1;10x20;1A=3", "not a cell name"),
        ("s1;10x20;K1=3", "outside"),
        ("s1;10x20;A1=1;A1=2", "appears twice"),
        ("s1;10x20;A1=bad\\q", "unknown escape"),
        ("s1;10x20;A1=end\\", "at the end"),
    ];
    for &(text, msg) in cases {
        match Sheet::from_compact(text) {
            Err(SheetError::Corrupt { message, offset }) => {
                assert!(message.contains(msg), "{text}: {message}");
                assert!(offset <= text.len(), "{text}: {offset}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    let long = format!("s1;2x2;A1={}", "y".repeat(MAX_CELL_CHARS + 1));
    assert!(Sheet::from_compact(&long).is_err());
    // Offsets point into the string.
    match Sheet::from_compact("s1;10x20;A1=ok;B2=x\\z") {
        Err(SheetError::Corrupt { offset, .. }) => assert_eq!(offset, 19),
        other => panic!("{other:?}"),
    }
}

#[test]
fn long_chain_loaded_at_once_on_a_1mb_stack() {
    // 1 × 10,000 cells, each = the one above + 1, loaded in one batch: every formula
    // is a brand-new dependency, the worst case for nesting.
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            let mut text = String::from("s1;1x10000;A1=1");
            for row in 2..=10_000 {
                text.push_str(&format!(";A{row}==((A{}+1))", row - 1));
            }
            let s = Sheet::from_compact(&text).unwrap();
            assert_eq!(s.display(CellRef::new(0, 9_999)), "10000");
            s.set(CellRef::new(0, 0), "0").unwrap();
            assert_eq!(s.display(CellRef::new(0, 9_999)), "9999");
            // After the first load, an edit recomputes each cell exactly once more.
            assert!(s.recompute_counts().iter().all(|&n| n == 2));
        })
        .unwrap();
    assert!(handle.join().is_ok());
}

#[test]
fn editing_a_cell_inside_a_range_updates_every_sum_over_it() {
    let mut cells: Vec<(String, String)> = Vec::new();
    for row in 1..=5 {
        for col in ["A", "B", "C"] {
            cells.push((
                format!("{col}{row}"),
                (row * 10 + col.len() * row).to_string(),
            ));
        }
    }
    let formulas = [
        ("E1", "=SUM(A1:C5)"),
        ("E2", "=SUM(C3:B2)"),
        ("E3", "=SUM(A1:A5)"),
        ("E4", "=MAX(A1:C5)"),
        ("E5", "=COUNT(B1:B5, A1)"),
        ("E6", "=AVG(C1:C5)"),
        ("E7", "=MIN(B1:B5)"),
        ("E8", "=SUM(A1:C5) - SUM(A1:C2) - SUM(A3:C5)"),
    ];
    let mut all: Vec<(&str, &str)> = cells
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    all.extend(formulas);
    let s = sheet(&all);
    let read_all = |s: &Sheet| {
        (0..s.rows())
            .flat_map(|row| (0..s.cols()).map(move |col| CellRef::new(col, row)))
            .map(|cell| s.display(cell))
            .collect::<Vec<_>>()
    };
    read_all(&s);
    let before = s.recompute_counts();
    s.set(c("B3"), "1000").unwrap();
    read_all(&s);
    let after = s.recompute_counts();
    let changed: Vec<String> = (0..after.len())
        .filter(|&i| after[i] != before[i])
        .map(|i| CellRef::new(i as u32 % s.cols(), i as u32 / s.cols()).name())
        .collect();
    // Exactly the edited cell and the formulas whose ranges contain it.
    assert_eq!(changed, ["E1", "E2", "B3", "E4", "E5", "E7", "E8"]);
    // Every value is what summing cell by cell gives.
    let value = |name: &str| match s.value(c(name)) {
        CellValue::Number(n) => n,
        other => panic!("{name}: {other:?}"),
    };
    let by_hand = |cols: &[&str], rows: std::ops::RangeInclusive<u32>| -> Vec<f64> {
        rows.flat_map(|r| cols.iter().map(move |col| value(&format!("{col}{r}"))))
            .collect()
    };
    let every = by_hand(&["A", "B", "C"], 1..=5);
    assert_eq!(value("E1"), every.iter().sum::<f64>());
    assert_eq!(value("E2"), by_hand(&["B", "C"], 2..=3).iter().sum::<f64>());
    assert_eq!(value("E3"), by_hand(&["A"], 1..=5).iter().sum::<f64>());
    assert_eq!(value("E4"), 1000.0);
    assert_eq!(value("E5"), 6.0);
    assert_eq!(
        value("E6"),
        by_hand(&["C"], 1..=5).iter().sum::<f64>() / 5.0
    );
    assert_eq!(
        value("E7"),
        by_hand(&["B"], 1..=5).into_iter().fold(f64::MAX, f64::min)
    );
    assert_eq!(value("E8"), 0.0);
    // Text inside a range is skipped, an error is the first one in reading order.
    s.set(c("B3"), "words").unwrap();
    assert_eq!(show(&s, "E5"), "5");
    s.set_many(&[(c("C4"), "=1/0"), (c("A5"), "=K99")]).unwrap();
    assert_eq!(show(&s, "E1"), "#DIV/0!");
    assert!(s.reason(c("E1")).unwrap().contains("refers to C4"));
    assert_eq!(show(&s, "E3"), "#REF!");
    assert_eq!(show(&s, "E6"), "#DIV/0!");
}

#[test]
fn cycles_through_ranges_are_cycles() {
    let s = sheet(&[
        ("A1", "1"),
        ("A2", "2"),
        ("B1", "=SUM(A1:A10)"),
        ("C1", "=SUM(A1:B10)"),
        ("D1", "=MAX(D2:D3)"),
        ("D2", "=SUM(C5:E9)"),
        ("E5", "=D1"),
        ("F1", "=SUM(F1:G2)"),
        ("G1", "=SUM(A1:A2)"),
    ]);
    assert_eq!(show(&s, "B1"), "3");
    assert_eq!(show(&s, "C1"), "6");
    // A cell inside a range that reads the range's reader closes a loop.
    s.set(c("A5"), "=B1*2").unwrap();
    for name in ["A5", "B1"] {
        assert_eq!(show(&s, name), "#CYCLE", "{name}");
        assert!(
            s.reason(c(name))
                .unwrap()
                .contains("part of a reference cycle")
        );
    }
    // Off the loop, reading it: the first error in reading order (B1 comes before A5).
    assert_eq!(show(&s, "C1"), "#CYCLE");
    assert!(s.reason(c("C1")).unwrap().contains("refers to B1"));
    // A loop made of ranges only, three cells long, and a range that holds its reader.
    for name in ["D1", "D2", "E5", "F1"] {
        assert_eq!(show(&s, name), "#CYCLE", "{name}");
    }
    assert_eq!(show(&s, "G1"), "3", "the rest of the sheet works");
    // Fixing one cell of each loop heals it.
    s.set_many(&[(c("A5"), "5"), (c("E5"), "7"), (c("F1"), "=SUM(G1:G2)")])
        .unwrap();
    assert_eq!(show(&s, "B1"), "8");
    assert_eq!(show(&s, "C1"), "16");
    assert_eq!(show(&s, "D1"), "7");
    assert_eq!(show(&s, "F1"), "3");
}

#[test]
fn ranges_of_ranges_in_a_long_chain_on_a_1mb_stack() {
    // Each cell is 1 + the largest value above it: every formula reads a range that holds
    // every formula before it, all loaded in one batch.
    let handle = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            let mut text = String::from("s1;1x3000;A1=1");
            for row in 2..=3_000 {
                text.push_str(&format!(";A{row}==MAX(A1:A{})+1", row - 1));
            }
            let s = Sheet::from_compact(&text).unwrap();
            assert_eq!(s.display(CellRef::new(0, 2_999)), "3000");
            s.set(CellRef::new(0, 0), "10").unwrap();
            assert_eq!(s.display(CellRef::new(0, 2_999)), "3009");
            assert_eq!(s.dependents(CellRef::new(0, 0)).len(), 2_999);
        })
        .unwrap();
    assert!(handle.join().is_ok());
}

#[test]
fn five_thousand_sums_over_one_big_range() {
    // The shape of a 94 KB link: every cell of the lower half sums the whole upper half.
    let mut text = String::from("s1;100x100");
    for row in 1..=50u32 {
        for col in 0..100u32 {
            text.push_str(&format!(
                ";{}={}",
                CellRef::new(col, row - 1).name(),
                row + col
            ));
        }
    }
    for row in 51..=100u32 {
        for col in 0..100u32 {
            text.push_str(&format!(
                ";{}==SUM(A1:CV50)",
                CellRef::new(col, row - 1).name()
            ));
        }
    }
    let s = Sheet::from_compact(&text).unwrap();
    let expected: u32 = (1..=50u32)
        .flat_map(|row| (0..100u32).map(move |col| row + col))
        .sum();
    assert_eq!(s.display(CellRef::new(99, 99)), expected.to_string());
    s.set(CellRef::new(5, 5), "=0").unwrap();
    assert_eq!(s.display(CellRef::new(0, 50)), (expected - 11).to_string());
    assert_eq!(s.dependents(CellRef::new(5, 5)).len(), 5_000);
}

#[test]
fn watching_a_cell_with_an_effect() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let s = sheet(&[("A1", "1"), ("B1", "=A1*10")]);
    let seen = Rc::new(RefCell::new(Vec::new()));
    let memo = s.value_memo(c("B1")).unwrap();
    let log = seen.clone();
    s.runtime()
        .effect(move || log.borrow_mut().push(memo.get().display()));
    s.set(c("A1"), "2").unwrap();
    s.set(c("C1"), "unrelated").unwrap();
    s.set_many(&[(c("A1"), "3"), (c("A2"), "x")]).unwrap();
    assert_eq!(*seen.borrow(), ["10", "20", "30"]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn cell_name() -> impl Strategy<Value = String> {
        (0u32..4, 0u32..4).prop_map(|(col, row)| CellRef::new(col, row).name())
    }

    fn formula() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            (-5i32..20).prop_map(|n| n.to_string()),
            cell_name(),
            (cell_name(), cell_name()).prop_map(|(a, b)| format!("SUM({a}:{b})")),
            (cell_name(), cell_name()).prop_map(|(a, b)| format!("MAX({a}:{b})")),
        ];
        leaf.prop_recursive(3, 12, 2, |inner| {
            (
                inner.clone(),
                prop_oneof![Just("+"), Just("-"), Just("*"), Just("/")],
                inner,
            )
                .prop_map(|(a, op, b)| format!("({a}{op}{b})"))
        })
    }

    fn content() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            (-100i32..100).prop_map(|n| n.to_string()),
            Just("text".to_string()),
            formula().prop_map(|f| format!("={f}")),
            Just("=1+".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Incremental = from scratch: after any edits, every cell shows what a fresh
        /// sheet with the same texts shows (cycles included).
        #[test]
        fn incremental_matches_fresh(edits in proptest::collection::vec((0u32..4, 0u32..4, content()), 1..30)) {
            let live = Sheet::new(4, 4).unwrap();
            for (i, (col, row, text)) in edits.iter().enumerate() {
                live.set(CellRef::new(*col, *row), text).unwrap();
                if i % 3 == 0 {
                    // Read a few cells in between so memos are warm at different times.
                    live.value(CellRef::new(*row, *col));
                }
            }
            let fresh = Sheet::from_compact(&live.to_compact()).unwrap();
            for row in 0..4 {
                for col in 0..4 {
                    let cell = CellRef::new(col, row);
                    prop_assert_eq!(live.display(cell), fresh.display(cell), "{}", cell);
                }
            }
        }

        /// Functions over ranges give what reading the cells one by one in reading order
        /// gives (integers, so every sum is exact): the same number or the same first
        /// error.
        #[test]
        fn ranges_agree_with_reading_cell_by_cell(
            texts in proptest::collection::vec(prop_oneof![
                6 => (-50i32..50).prop_map(|n| n.to_string()),
                1 => Just(String::new()),
                1 => Just("text".to_string()),
                1 => Just("=1/0".to_string()),
                1 => Just("=Z99".to_string()),
            ], 30),
            ranges in proptest::collection::vec((0u32..6, 0u32..5, 0u32..6, 0u32..5, 0usize..5), 1..8),
        ) {
            let s = Sheet::new(6, 6).unwrap();
            for (i, t) in texts.iter().enumerate() {
                s.set(CellRef::new(i as u32 % 6, i as u32 / 6), t).unwrap();
            }
            for (k, &(c0, r0, c1, r1, f)) in ranges.iter().enumerate() {
                let name = ["SUM", "MIN", "MAX", "COUNT", "AVG"][f];
                let (a, b) = (CellRef::new(c0, r0), CellRef::new(c1, r1));
                let cell = CellRef::new(k as u32 % 6, 5);
                s.set(cell, &format!("={name}({a}:{b})")).unwrap();
                // By hand, row by row.
                let mut numbers = Vec::new();
                let mut error = None;
                'cells: for row in r0.min(r1)..=r0.max(r1) {
                    for col in c0.min(c1)..=c0.max(c1) {
                        match s.value(CellRef::new(col, row)) {
                            CellValue::Number(n) => numbers.push(n),
                            CellValue::Error { kind, .. } => {
                                error = Some(kind.code().to_string());
                                break 'cells;
                            }
                            _ => {}
                        }
                    }
                }
                let count = numbers.len() as f64;
                let expected = error.unwrap_or_else(|| match name {
                    "SUM" => format_number(numbers.iter().sum()),
                    "MIN" => format_number(numbers.iter().copied().reduce(f64::min).unwrap_or(0.0)),
                    "MAX" => format_number(numbers.iter().copied().reduce(f64::max).unwrap_or(0.0)),
                    "COUNT" => format_number(count),
                    _ if numbers.is_empty() => "#DIV/0!".to_string(),
                    _ => format_number(numbers.iter().sum::<f64>() / count),
                });
                prop_assert_eq!(s.display(cell), expected, "{}({}:{})", name, a, b);
            }
        }

        #[test]
        fn compact_round_trip(texts in proptest::collection::vec("\\PC{0,12}", 16)) {
            let s = Sheet::new(4, 4).unwrap();
            for (i, t) in texts.iter().enumerate() {
                s.set(CellRef::new(i as u32 % 4, i as u32 / 4), t).unwrap();
            }
            let back = Sheet::from_compact(&s.to_compact()).unwrap();
            prop_assert_eq!(back.filled(), s.filled());
        }

        #[test]
        fn loading_garbage_never_panics(text in "s1;[0-9x]{0,6}(;[A-Z0-9=\\\\;sntr]{0,10}){0,5}") {
            let _ = Sheet::from_compact(&text);
        }
    }
}
