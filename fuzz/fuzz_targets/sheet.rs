//! The Signals tab's spreadsheet: `Sheet::from_compact` on any link text, then edits
//! (single cells and pasted rectangles, with reads in between so that some memos are
//! warm and some stale), then display.
//!
//! Input: the link text, then (after a `0xFF` byte) the edits.
//!
//! Laws:
//! - a refused link says where, at a byte offset inside it;
//! - an edit is refused exactly when its cell is outside the grid or its text is over
//!   `MAX_CELL_CHARS`, and a refused batch changes nothing;
//! - the edited, partly recomputed sheet shows exactly what a sheet freshly loaded from
//!   its `to_compact` text shows, value and reason in every cell (values depend on the
//!   cell texts alone, never on the order things were computed), and that text is stable;
//! - every error value has a reason, and every dependency is inside the grid.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use wasm_playground::lab::signals::sheet::{CellRef, CellValue, MAX_CELL_CHARS, Sheet};
use wasm_playground_fuzz::{expand, split_extras};

/// More than the largest link a person can share (browsers cut URLs near 64 KB).
const MAX_LINK: usize = 128 * 1024;

/// Cell texts a person types: numbers, text, formulas over cells, ranges and functions,
/// errors of every kind, and ranges as large as the grid.
const TEXTS: &[&str] = &[
    "",
    "1",
    "-2.5",
    "1e308",
    "apples",
    " 7 ",
    "=A1",
    "=A1+B1*2",
    "=B2-A1/C3",
    "=SUM(A1:B3)",
    "=AVG(A1:C3, 4)",
    "=MIN(A1:J20)",
    "=MAX(B1:B20)",
    "=COUNT(A1:Z99)",
    "=1/0",
    "=A1/B1",
    "=ZZZ1",
    "=-(-A1)",
    "=1e308*10",
    "=SUM(A1:CV100)",
    "=SUM(A1:CV50)",
    "=(",
];

fuzz_target!(|data: &[u8]| {
    let (link, extras) = split_extras(data);
    let link = expand(link, MAX_LINK);
    let sheet = match Sheet::from_compact(&link) {
        Ok(sheet) => {
            let reloaded = Sheet::from_compact(&sheet.to_compact())
                .unwrap_or_else(|e| panic!("to_compact of a loaded link does not load: {e}"));
            assert_eq!(reloaded.filled(), sheet.filled());
            sheet
        }
        Err(error) => {
            if let wasm_playground::lab::signals::sheet::SheetError::Corrupt { offset, .. } = error
            {
                assert!(
                    offset <= link.len(),
                    "offset {offset} is past the link's end"
                );
            }
            assert!(!error.to_string().is_empty());
            Sheet::default()
        }
    };
    let mut u = Unstructured::new(extras);
    for _ in 0..32 {
        if u.is_empty() || edit(&mut u, &sheet).is_err() {
            break;
        }
    }
    check_against_fresh_load(&sheet);
});

fn cell(u: &mut Unstructured) -> arbitrary::Result<CellRef> {
    Ok(CellRef::new(
        u32::from(u.arbitrary::<u8>()?),
        u32::from(u.arbitrary::<u8>()?),
    ))
}

fn text(u: &mut Unstructured) -> arbitrary::Result<String> {
    if u.ratio(1u8, 4)? {
        Ok(u.arbitrary::<&str>()?.to_owned())
    } else {
        Ok(u.choose(TEXTS)?.to_string())
    }
}

fn inside(sheet: &Sheet, c: CellRef) -> bool {
    c.col < sheet.cols() && c.row < sheet.rows()
}

fn edit(u: &mut Unstructured, sheet: &Sheet) -> arbitrary::Result<()> {
    match u.int_in_range(0..=3u8)? {
        0 => {
            let (c, t) = (cell(u)?, text(u)?);
            let allowed = inside(sheet, c) && t.chars().count() <= MAX_CELL_CHARS;
            let before = sheet.filled();
            match sheet.set(c, &t) {
                Ok(()) => {
                    assert!(allowed, "set({c}, {t:?}) accepted");
                    assert_eq!(sheet.text(c), t);
                }
                Err(_) => {
                    assert!(!allowed, "set({c}, {t:?}) refused");
                    assert_eq!(sheet.filled(), before, "a refused set changed the sheet");
                }
            }
        }
        1 => {
            // A pasted rectangle, in one batch.
            let (from, to, t) = (cell(u)?, cell(u)?, text(u)?);
            let cells: Vec<CellRef> = (from.row.min(to.row)..=from.row.max(to.row))
                .flat_map(|row| {
                    (from.col.min(to.col)..=from.col.max(to.col))
                        .map(move |col| CellRef::new(col, row))
                })
                .collect();
            let allowed =
                cells.iter().all(|&c| inside(sheet, c)) && t.chars().count() <= MAX_CELL_CHARS;
            let edits: Vec<(CellRef, &str)> = cells.iter().map(|&c| (c, t.as_str())).collect();
            let before = sheet.filled();
            match sheet.set_many(&edits) {
                Ok(()) => assert!(allowed, "set_many of {} cells accepted", cells.len()),
                Err(_) => {
                    assert!(!allowed, "set_many of {} cells refused", cells.len());
                    assert_eq!(sheet.filled(), before, "a refused batch changed the sheet");
                }
            }
        }
        2 => {
            let c = cell(u)?;
            let _ = sheet.display(c);
            let _ = sheet.reason(c);
        }
        _ => {
            let name = u.arbitrary::<&str>()?;
            if let Ok(c) = sheet.cell(name) {
                assert!(inside(sheet, c));
            }
        }
    }
    Ok(())
}

fn all_cells(sheet: &Sheet) -> impl Iterator<Item = CellRef> + use<> {
    let (cols, rows) = (sheet.cols(), sheet.rows());
    (0..rows).flat_map(move |row| (0..cols).map(move |col| CellRef::new(col, row)))
}

fn check_against_fresh_load(sheet: &Sheet) {
    let compact = sheet.to_compact();
    let fresh = Sheet::from_compact(&compact)
        .unwrap_or_else(|e| panic!("to_compact wrote a sheet that does not load: {e}"));
    assert_eq!(fresh.to_compact(), compact, "to_compact is not stable");
    for c in all_cells(sheet) {
        let live = sheet.value(c);
        let loaded = fresh.value(c);
        assert_eq!(
            live, loaded,
            "{c} differs between the edited sheet and a fresh load"
        );
        if let CellValue::Error { reason, .. } = &live {
            assert!(!reason.is_empty(), "{c} has an error without a reason");
        }
        assert_eq!(sheet.display(c), live.display());
        for d in sheet.dependencies(c) {
            assert!(inside(sheet, d), "{c} depends on {d}, outside the grid");
        }
    }
}
