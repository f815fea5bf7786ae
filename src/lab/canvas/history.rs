//! Undo and redo for the drawing tool, over *strokes*.
//!
//! A stroke is the group of commands one gesture produced (a freehand line is
//! `StrokeColor, LineWidth, BeginPath, MoveTo, LineTo…, Stroke`). Undo works on whole
//! strokes, never on single commands, so one Ctrl+Z removes one gesture.
//!
//! The model is the classic two-stack one (as in every editor, e.g. the `undo` crate's
//! `Record`): applied actions on one stack, undone actions on the other; doing something
//! new empties the redo stack. Clearing the drawing is an action too, so it can be undone:
//! it remembers the strokes it removed.
//!
//! Laws (checked by property tests):
//! - `push(s)` then `undo()` gives back the strokes before the push;
//! - `undo()` then `redo()` gives back the strokes before the undo;
//! - `push(s)` empties the redo stack;
//! - `clear()` then `undo()` gives back the strokes before the clear.
//!
//! A stroke should be self-contained (set its colours and line width and begin its own
//! path), so that undoing an earlier stroke cannot change how a later one looks.

use super::DrawCommand;

/// One gesture's commands.
pub type Stroke = Vec<DrawCommand>;

/// Something that was done and can be undone.
#[derive(Clone, Debug, PartialEq)]
enum Action {
    /// A stroke was added at the end.
    Push(Stroke),
    /// The drawing was cleared; these were its strokes.
    Clear(Vec<Stroke>),
}

/// The strokes of a drawing with undo and redo. See the module doc for the laws.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    strokes: Vec<Stroke>,
    undo_stack: Vec<Action>,
    redo_stack: Vec<Action>,
}

impl History {
    /// An empty drawing with nothing to undo.
    pub fn new() -> History {
        History::default()
    }

    /// A drawing that starts with these strokes (for example restored from storage);
    /// nothing to undo.
    pub fn from_strokes(strokes: Vec<Stroke>) -> History {
        History {
            strokes: strokes.into_iter().filter(|s| !s.is_empty()).collect(),
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
        }
    }

    /// Adds a finished stroke and forgets everything that could be redone. An empty
    /// stroke is ignored (returns false) so that undo never has an invisible step.
    pub fn push(&mut self, stroke: Stroke) -> bool {
        if stroke.is_empty() {
            return false;
        }
        self.strokes.push(stroke.clone());
        self.undo_stack.push(Action::Push(stroke));
        self.redo_stack.clear();
        true
    }

    /// Removes every stroke, as one undoable step. Clearing an empty drawing does
    /// nothing (returns false).
    pub fn clear(&mut self) -> bool {
        if self.strokes.is_empty() {
            return false;
        }
        let removed = std::mem::take(&mut self.strokes);
        self.undo_stack.push(Action::Clear(removed));
        self.redo_stack.clear();
        true
    }

    /// Undoes the last action; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(action) = self.undo_stack.pop() else {
            return false;
        };
        match &action {
            Action::Push(_) => {
                self.strokes.pop();
            }
            Action::Clear(removed) => {
                self.strokes = removed.clone();
            }
        }
        self.redo_stack.push(action);
        true
    }

    /// Redoes the last undone action; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(action) = self.redo_stack.pop() else {
            return false;
        };
        match &action {
            Action::Push(stroke) => self.strokes.push(stroke.clone()),
            Action::Clear(_) => self.strokes.clear(),
        }
        self.undo_stack.push(action);
        true
    }

    /// Whether [`undo`](Self::undo) would do something.
    pub fn can_undo(&self) -> bool {
        !self.undo_stack.is_empty()
    }

    /// Whether [`redo`](Self::redo) would do something.
    pub fn can_redo(&self) -> bool {
        !self.redo_stack.is_empty()
    }

    /// The strokes of the drawing as it is now, oldest first.
    pub fn strokes(&self) -> &[Stroke] {
        &self.strokes
    }

    /// All commands of the drawing as it is now, in drawing order: what the renderers
    /// draw and what is exported.
    pub fn commands(&self) -> Vec<DrawCommand> {
        self.strokes.iter().flatten().cloned().collect()
    }

    /// The number of commands in the drawing as it is now.
    pub fn command_count(&self) -> usize {
        self.strokes.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stroke(n: u8) -> Stroke {
        vec![
            DrawCommand::BeginPath,
            DrawCommand::Rect(f64::from(n), 0.0, 1.0, 1.0),
            DrawCommand::Fill,
        ]
    }

    #[test]
    fn undo_redo_walkthrough() {
        let mut h = History::new();
        assert!(!h.can_undo() && !h.can_redo());
        assert!(!h.undo() && !h.redo());
        assert!(h.push(stroke(1)));
        assert!(h.push(stroke(2)));
        assert_eq!(h.command_count(), 6);
        assert!(h.undo());
        assert_eq!(h.strokes(), &[stroke(1)]);
        assert!(h.can_redo());
        assert!(h.redo());
        assert_eq!(h.strokes(), &[stroke(1), stroke(2)]);
        assert!(h.clear());
        assert!(h.strokes().is_empty());
        assert!(!h.clear(), "clearing an empty drawing is not a step");
        assert!(h.undo());
        assert_eq!(h.strokes(), &[stroke(1), stroke(2)]);
        assert!(h.redo());
        assert!(h.commands().is_empty());
    }

    #[test]
    fn empty_strokes_are_ignored() {
        let mut h = History::new();
        assert!(!h.push(Vec::new()));
        assert!(!h.can_undo());
        let h = History::from_strokes(vec![Vec::new(), stroke(3)]);
        assert_eq!(h.strokes(), &[stroke(3)]);
        assert!(!h.can_undo());
    }

    #[derive(Clone, Debug)]
    enum Op {
        Push(u8),
        Undo,
        Redo,
        Clear,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            3 => any::<u8>().prop_map(Op::Push),
            2 => Just(Op::Undo),
            2 => Just(Op::Redo),
            1 => Just(Op::Clear),
        ]
    }

    fn run(ops: &[Op]) -> History {
        let mut h = History::new();
        for op in ops {
            match op {
                Op::Push(n) => {
                    h.push(stroke(*n));
                }
                Op::Undo => {
                    h.undo();
                }
                Op::Redo => {
                    h.redo();
                }
                Op::Clear => {
                    h.clear();
                }
            }
        }
        h
    }

    proptest! {
        #[test]
        fn undo_after_push_restores(ops in proptest::collection::vec(op(), 0..40), n in any::<u8>()) {
            let mut h = run(&ops);
            let before = h.strokes().to_vec();
            prop_assert!(h.push(stroke(n)));
            prop_assert!(!h.can_redo(), "push clears redo");
            prop_assert!(h.undo());
            prop_assert_eq!(h.strokes(), before.as_slice());
        }

        #[test]
        fn redo_after_undo_restores(ops in proptest::collection::vec(op(), 0..40)) {
            let mut h = run(&ops);
            let before = h.strokes().to_vec();
            if h.undo() {
                prop_assert!(h.can_redo());
                prop_assert!(h.redo());
                prop_assert_eq!(h.strokes(), before.as_slice());
            } else {
                prop_assert!(!h.can_undo());
            }
        }

        #[test]
        fn clear_is_undoable(ops in proptest::collection::vec(op(), 0..40)) {
            let mut h = run(&ops);
            let before = h.strokes().to_vec();
            h.clear();
            prop_assert!(h.strokes().is_empty());
            if !before.is_empty() {
                prop_assert!(h.undo());
            }
            prop_assert_eq!(h.strokes(), before.as_slice());
        }

        #[test]
        fn matches_a_snapshot_model(ops in proptest::collection::vec(op(), 0..60)) {
            // The model keeps whole snapshots: obviously right, too slow for real use.
            let mut h = History::new();
            let mut past: Vec<Vec<Stroke>> = Vec::new();
            let mut now: Vec<Stroke> = Vec::new();
            let mut future: Vec<Vec<Stroke>> = Vec::new();
            for op in &ops {
                match op {
                    Op::Push(n) => {
                        past.push(now.clone());
                        now.push(stroke(*n));
                        future.clear();
                        h.push(stroke(*n));
                    }
                    Op::Clear => {
                        if !now.is_empty() {
                            past.push(std::mem::take(&mut now));
                            future.clear();
                        }
                        h.clear();
                    }
                    Op::Undo => {
                        if let Some(prev) = past.pop() {
                            future.push(std::mem::replace(&mut now, prev));
                        }
                        h.undo();
                    }
                    Op::Redo => {
                        if let Some(next) = future.pop() {
                            past.push(std::mem::replace(&mut now, next));
                        }
                        h.redo();
                    }
                }
                prop_assert_eq!(h.strokes(), now.as_slice());
                prop_assert_eq!(h.can_undo(), !past.is_empty());
                prop_assert_eq!(h.can_redo(), !future.is_empty());
            }
        }
    }
}
