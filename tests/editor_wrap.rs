//! The notes editor re-wraps only the lines an edit touched (vendor/ratatui-textarea). These
//! properties check that after any run of edits, undos and redos the editor shows exactly
//! what a fresh editor holding the same text shows, and maps screen positions to the same
//! places in the text.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// Pieces of text that stress word boundaries: spaces and runs of them, punctuation that
/// joins words ("can't", "3.14"), tabs, wide and combining characters, emoji and flags.
const PIECES: &[&str] = &[
    "a",
    "word",
    "longerword",
    " ",
    "  ",
    ".",
    ",",
    "'",
    ":",
    "-",
    "_",
    "\t",
    "3",
    "14",
    "中文",
    "é",
    "e\u{301}",
    "🚀",
    "🇯🇵",
    "\u{200d}",
    "x",
    "\n",
    "can't",
    "3.14",
    "    ",
];

#[derive(Debug, Clone)]
enum Op {
    Char(char),
    Str(String),
    Newline,
    Backspace,
    Delete,
    DeleteWord,
    DeleteNextWord,
    DeleteToEnd,
    DeleteToHead,
    Move(u8),
    Jump(u16, u16),
    SelectAndCut(u8),
    Paste,
    Undo,
    Redo,
}

fn piece() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..PIECES.len(), 1..12)
        .prop_map(|ix| ix.into_iter().map(|i| PIECES[i]).collect::<String>())
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..PIECES.len()).prop_map(|i| Op::Char(PIECES[i].chars().next().unwrap_or('a'))),
        3 => piece().prop_map(Op::Str),
        1 => Just(Op::Newline),
        2 => Just(Op::Backspace),
        1 => Just(Op::Delete),
        1 => Just(Op::DeleteWord),
        1 => Just(Op::DeleteNextWord),
        1 => Just(Op::DeleteToEnd),
        1 => Just(Op::DeleteToHead),
        3 => (0u8..10).prop_map(Op::Move),
        2 => (0u16..30, 0u16..80).prop_map(|(r, c)| Op::Jump(r, c)),
        1 => (0u8..10).prop_map(Op::SelectAndCut),
        1 => Just(Op::Paste),
        2 => Just(Op::Undo),
        1 => Just(Op::Redo),
    ]
}

fn movement(m: u8) -> CursorMove {
    match m {
        0 => CursorMove::Forward,
        1 => CursorMove::Back,
        2 => CursorMove::Up,
        3 => CursorMove::Down,
        4 => CursorMove::Head,
        5 => CursorMove::End,
        6 => CursorMove::WordForward,
        7 => CursorMove::WordBack,
        8 => CursorMove::Top,
        _ => CursorMove::Bottom,
    }
}

fn apply(ta: &mut TextArea<'static>, op: &Op) {
    match op {
        Op::Char(c) => ta.insert_char(*c),
        Op::Str(s) => {
            ta.insert_str(s);
        }
        Op::Newline => ta.insert_newline(),
        Op::Backspace => {
            ta.delete_char();
        }
        Op::Delete => {
            ta.delete_next_char();
        }
        Op::DeleteWord => {
            ta.delete_word();
        }
        Op::DeleteNextWord => {
            ta.delete_next_word();
        }
        Op::DeleteToEnd => {
            ta.delete_line_by_end();
        }
        Op::DeleteToHead => {
            ta.delete_line_by_head();
        }
        Op::Move(m) => ta.move_cursor(movement(*m)),
        Op::Jump(r, c) => ta.move_cursor(CursorMove::Jump(*r, *c)),
        Op::SelectAndCut(m) => {
            ta.start_selection();
            ta.move_cursor(movement(*m));
            ta.move_cursor(movement(*m));
            ta.cut();
        }
        Op::Paste => {
            ta.paste();
        }
        Op::Undo => {
            ta.undo();
        }
        Op::Redo => {
            ta.redo();
        }
    }
}

/// Everything drawn, top to bottom, in an area tall enough for every row.
fn drawn(ta: &TextArea<'static>, width: u16) -> Buffer {
    let area = Rect::new(0, 0, width, 400);
    let mut buf = Buffer::empty(area);
    ta.render(area, &mut buf);
    buf
}

fn editor(lines: Vec<String>, mode: WrapMode) -> TextArea<'static> {
    let mut ta = TextArea::new(lines);
    ta.set_wrap_mode(mode);
    ta
}

fn check(start: &str, ops: &[Op], mode: WrapMode, width: u16) -> Result<(), TestCaseError> {
    let mut ta = editor(start.split('\n').map(String::from).collect(), mode);
    // Drawn once first, so edits update a map made for this width.
    drawn(&ta, width);
    for op in ops {
        apply(&mut ta, op);
    }
    let fresh = editor(ta.lines().to_vec(), mode);
    let ratatui_textarea::DataCursor(row, col) = ta.cursor();
    let mut fresh = fresh;
    fresh.move_cursor(CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    ));
    prop_assert_eq!(fresh.cursor(), ta.cursor());
    let (ours, theirs) = (drawn(&ta, width), drawn(&fresh, width));
    prop_assert_eq!(ours, theirs, "lines: {:?}", ta.lines());
    prop_assert_eq!(
        ta.screen_cursor().row,
        fresh.screen_cursor().row,
        "lines: {:?}",
        ta.lines()
    );
    for r in 0..400 {
        for c in [0, 1, 2, 5, usize::from(width) / 2, usize::from(width), 999] {
            prop_assert_eq!(
                ta.screen_to_data(r, c),
                fresh.screen_to_data(r, c),
                "row {} col {} of {:?}",
                r,
                c,
                ta.lines()
            );
        }
    }
    Ok(())
}

fn mode() -> impl Strategy<Value = WrapMode> {
    prop_oneof![
        4 => Just(WrapMode::WordOrGlyph),
        2 => Just(WrapMode::Word),
        1 => Just(WrapMode::Glyph),
        1 => Just(WrapMode::None),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn edits_show_what_a_fresh_editor_shows(
        start in proptest::collection::vec(piece(), 1..6).prop_map(|v| v.join(" ")),
        ops in proptest::collection::vec(op(), 1..40),
        mode in mode(),
        width in 1u16..24,
    ) {
        check(&start, &ops, mode, width)?;
    }

    /// Long wrapped paragraphs, where re-wrapping starts part-way down a line and stops
    /// when the rows line up again.
    #[test]
    fn edits_inside_long_paragraphs(
        words in proptest::collection::vec(piece(), 20..80),
        ops in proptest::collection::vec(op(), 1..30),
        width in 4u16..30,
    ) {
        let start = words.join(" ").replace('\n', " ");
        let jump = Op::Jump(0, u16::try_from(start.chars().count() / 2).unwrap_or(0));
        let ops: Vec<Op> = std::iter::once(jump).chain(ops).collect();
        check(&start, &ops, WrapMode::WordOrGlyph, width)?;
    }
}

/// Past 65,535 rows (short lines, or a narrow pane) the editor still scrolls to the cursor
/// and shows the lines there.
#[test]
fn the_view_follows_the_cursor_past_65535_rows() {
    let lines: Vec<String> = (0..70_000).map(|i| format!("line {i}")).collect();
    let mut ta = editor(lines, WrapMode::WordOrGlyph);
    let area = Rect::new(0, 0, 20, 5);
    let text = |ta: &TextArea<'static>| {
        let mut buf = Buffer::empty(area);
        ta.render(area, &mut buf);
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    text(&ta);
    ta.move_cursor(CursorMove::Bottom);
    assert_eq!(text(&ta).last().map(String::as_str), Some("line 69999"));
    ta.move_cursor(CursorMove::End);
    ta.insert_str("\nmore");
    assert_eq!(
        text(&ta)[3..],
        ["line 69999".to_string(), "more".to_string()]
    );
    ta.move_cursor(CursorMove::Top);
    assert_eq!(text(&ta).first().map(String::as_str), Some("line 0"));
}
