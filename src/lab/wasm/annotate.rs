//! What each byte of a module is: nested, labelled byte ranges for a hex view.

use std::ops::Range;

use super::WasmError;
use super::module::read_module;

/// What kind of thing a [`Span`] covers, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpanKind {
    /// The magic number or the version.
    Header,
    /// A whole section, header included.
    Section,
    /// A section's id byte and size field.
    SectionHeader,
    /// One entry of a section: a type, an import, a function body, a segment…
    Item,
    /// One field of an entry: a LEB128 number, a name, a flags byte, an opcode…
    Field,
    /// An instruction in a function body or constant expression.
    Instruction,
    /// A `block`, `loop`, `if`, `else` or `end`.
    Control,
}

/// A labelled byte range: `start..end` of the file is what `label` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// Offset of the span's first byte in the file.
    pub start: usize,
    /// Offset just past the span's last byte (exclusive).
    pub end: usize,
    /// How many spans enclose this one (a section is 0, its entries 1, …).
    pub depth: u8,
    /// What sort of thing the bytes are.
    pub kind: SpanKind,
    /// E.g. `section header: code, size 1234`, `LEB128 u32 = 5`, `export name "add"`.
    pub label: String,
}

/// The spans of a byte window, outermost first, and the error that stopped the
/// reader if the module is malformed (the spans before it are still there).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    /// The labelled byte ranges, outermost first.
    pub spans: Vec<Span>,
    /// The error that stopped the reader, when the module is malformed.
    pub error: Option<WasmError>,
}

impl Annotations {
    /// The spans that contain byte `offset`, outermost first: a breadcrumb such
    /// as "code section › function 3 body › i32.add".
    pub fn at(&self, offset: usize) -> Vec<&Span> {
        self.spans
            .iter()
            .filter(|s| s.start <= offset && offset < s.end)
            .collect()
    }
}

/// Collects spans that intersect a window.
pub(crate) struct Annotator {
    window: Range<usize>,
    raw: Vec<(usize, usize, SpanKind, String)>,
}

impl Annotator {
    pub fn new(window: Range<usize>) -> Self {
        Annotator {
            window,
            raw: Vec::new(),
        }
    }

    pub fn wants(&self, start: usize, end: usize) -> bool {
        start < end && start < self.window.end && end > self.window.start
    }

    pub fn push(&mut self, start: usize, end: usize, kind: SpanKind, label: String) {
        if self.wants(start, end) {
            self.raw.push((start, end, kind, label));
        }
    }

    /// Sorts outermost first and works out each span's depth. Children are pushed
    /// before their parents (a parent's end is known last), so among equal ranges
    /// the later one is the parent.
    pub fn finish(self, error: Option<WasmError>) -> Annotations {
        let mut raw: Vec<(usize, (usize, usize, SpanKind, String))> =
            self.raw.into_iter().enumerate().collect();
        raw.sort_by(|(ia, a), (ib, b)| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(ib.cmp(ia)));
        let mut open: Vec<usize> = Vec::new();
        let spans = raw
            .into_iter()
            .map(|(_, (start, end, kind, label))| {
                while open.last().is_some_and(|&e| e <= start) {
                    open.pop();
                }
                let depth = u8::try_from(open.len()).unwrap_or(u8::MAX);
                open.push(end);
                Span {
                    start,
                    end,
                    depth,
                    kind,
                    label,
                }
            })
            .collect();
        Annotations { spans, error }
    }
}

/// Describes the bytes of `window` (and the spans enclosing them): the data a hex
/// view needs to say what the selected or hovered bytes are.
///
/// The whole module is read every time (that is linear and cheap), but text is
/// made only for the spans that touch the window, so pass the range on screen
/// rather than the whole file of a large module.
///
/// ```
/// use wasm_playground::lab::wasm::annotate;
/// let wasm = [0, 0x61, 0x73, 0x6D, 1, 0, 0, 0];
/// let notes = annotate(&wasm, 0..8);
/// assert!(notes.spans[0].label.starts_with("magic number"));
/// assert!(notes.error.is_none());
/// ```
pub fn annotate(bytes: &[u8], window: Range<usize>) -> Annotations {
    let mut a = Annotator::new(window);
    let error = read_module(bytes, Some(&mut a), true).err();
    a.finish(error)
}
