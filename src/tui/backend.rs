//! The terminal backend: ratatui's crossterm backend, with a frame's changed cells
//! written straight into the output buffer. Crossterm writes every cell, cursor move and
//! attribute through `fmt` (and an attribute through a freshly allocated `String`), which
//! took some 0.75M instructions for the practice screen's first frame (callgrind;
//! BENCHMARKS.md, start-up). The bytes are the same as crossterm's: colours, which
//! depend on `NO_COLOR` there, are still written by crossterm, and a test compares both
//! backends' output for random frames.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CrosstermColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// Crossterm's backend but for [`Backend::draw`].
pub struct Screen<W: Write> {
    inner: CrosstermBackend<W>,
    /// A frame's bytes, gathered before they go to the writer in one piece.
    frame: Vec<u8>,
}

impl<W: Write> Screen<W> {
    pub fn new(writer: W) -> Self {
        Screen {
            inner: CrosstermBackend::new(writer),
            frame: Vec::new(),
        }
    }
}

/// Bytes go to the writer, as through crossterm's backend (terminal modes, for one).
impl<W: Write> Write for Screen<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.frame.clear();
        write_cells(&mut self.frame, content)?;
        self.inner.write_all(&self.frame)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// What `CrosstermBackend::draw` writes for `content`: for each cell a cursor move unless
/// it follows the last, the attributes and colours that changed, and its text; then
/// everything reset.
fn write_cells<'a, W: Write>(
    w: &mut W,
    content: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let mut fg = Color::Reset;
    let mut bg = Color::Reset;
    let mut underline_color = Color::Reset;
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in content {
        if !matches!(last, Some((lx, ly)) if lx.checked_add(1) == Some(x) && ly == y) {
            move_to(w, x, y)?;
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            write_modifier_change(w, modifier, cell.modifier)?;
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            queue!(
                w,
                SetColors(Colors::new(crossterm(cell.fg), crossterm(cell.bg)))
            )?;
            fg = cell.fg;
            bg = cell.bg;
        }
        if cell.underline_color != underline_color {
            queue!(w, SetUnderlineColor(crossterm(cell.underline_color)))?;
            underline_color = cell.underline_color;
        }
        w.write_all(cell.symbol().as_bytes())?;
    }
    queue!(
        w,
        SetForegroundColor(CrosstermColor::Reset),
        SetBackgroundColor(CrosstermColor::Reset),
        SetUnderlineColor(CrosstermColor::Reset),
        SetAttribute(Attribute::Reset),
    )
}

/// `ESC [ row ; column H`, both counted from 1.
fn move_to(w: &mut impl Write, x: u16, y: u16) -> io::Result<()> {
    let mut buf = [0u8; 16];
    let mut len = 0;
    let mut put = |bytes: &[u8]| {
        buf[len..len + bytes.len()].copy_from_slice(bytes);
        len += bytes.len();
    };
    put(b"\x1b[");
    put(digits(&mut [0; 5], u32::from(y) + 1));
    put(b";");
    put(digits(&mut [0; 5], u32::from(x) + 1));
    put(b"H");
    w.write_all(&buf[..len])
}

/// `n` (at most 65536) in decimal.
fn digits(buf: &mut [u8; 5], mut n: u32) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 || i == 0 {
            return &buf[i..];
        }
    }
}

/// The attribute changes from `from` to `to`, in the order and form crossterm's backend
/// writes them (`ModifierDiff` in ratatui-crossterm): what was removed, then what was
/// added; bold and dim share one reset, after which the one kept is set again.
fn write_modifier_change(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let mut sgr = |code: &[u8]| -> io::Result<()> {
        w.write_all(b"\x1b[")?;
        w.write_all(code)?;
        w.write_all(b"m")
    };
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        sgr(b"27")?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        sgr(b"22")?;
        if to.contains(Modifier::DIM) {
            sgr(b"2")?;
        }
        if to.contains(Modifier::BOLD) {
            sgr(b"1")?;
        }
    }
    for (modifier, code) in [
        (Modifier::ITALIC, &b"23"[..]),
        (Modifier::UNDERLINED, b"24"),
        (Modifier::CROSSED_OUT, b"29"),
        (Modifier::HIDDEN, b"28"),
    ] {
        if removed.contains(modifier) {
            sgr(code)?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        sgr(b"25")?;
    }
    let added = to - from;
    for (modifier, code, unless_reset) in [
        (Modifier::REVERSED, &b"7"[..], false),
        (Modifier::BOLD, b"1", true),
        (Modifier::ITALIC, b"3", false),
        (Modifier::UNDERLINED, b"4", false),
        (Modifier::DIM, b"2", true),
        (Modifier::CROSSED_OUT, b"9", false),
        (Modifier::HIDDEN, b"8", false),
        (Modifier::SLOW_BLINK, b"5", false),
        (Modifier::RAPID_BLINK, b"6", false),
    ] {
        if added.contains(modifier) && !(unless_reset && reset_intensity) {
            sgr(code)?;
        }
    }
    Ok(())
}

/// A ratatui colour as crossterm names it (as ratatui-crossterm converts it).
fn crossterm(color: Color) -> CrosstermColor {
    match color {
        Color::Reset => CrosstermColor::Reset,
        Color::Black => CrosstermColor::Black,
        Color::Red => CrosstermColor::DarkRed,
        Color::Green => CrosstermColor::DarkGreen,
        Color::Yellow => CrosstermColor::DarkYellow,
        Color::Blue => CrosstermColor::DarkBlue,
        Color::Magenta => CrosstermColor::DarkMagenta,
        Color::Cyan => CrosstermColor::DarkCyan,
        Color::Gray => CrosstermColor::Grey,
        Color::DarkGray => CrosstermColor::DarkGrey,
        Color::LightRed => CrosstermColor::Red,
        Color::LightGreen => CrosstermColor::Green,
        Color::LightBlue => CrosstermColor::Blue,
        Color::LightYellow => CrosstermColor::Yellow,
        Color::LightMagenta => CrosstermColor::Magenta,
        Color::LightCyan => CrosstermColor::Cyan,
        Color::White => CrosstermColor::White,
        Color::Indexed(i) => CrosstermColor::AnsiValue(i),
        Color::Rgb(r, g, b) => CrosstermColor::Rgb { r, g, b },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    const MODIFIERS: [Modifier; 9] = [
        Modifier::BOLD,
        Modifier::DIM,
        Modifier::ITALIC,
        Modifier::UNDERLINED,
        Modifier::SLOW_BLINK,
        Modifier::RAPID_BLINK,
        Modifier::REVERSED,
        Modifier::HIDDEN,
        Modifier::CROSSED_OUT,
    ];

    fn color(n: u32) -> Color {
        match n % 22 {
            0 => Color::Reset,
            1 => Color::Black,
            2 => Color::Red,
            3 => Color::Green,
            4 => Color::Yellow,
            5 => Color::Blue,
            6 => Color::Magenta,
            7 => Color::Cyan,
            8 => Color::Gray,
            9 => Color::DarkGray,
            10 => Color::LightRed,
            11 => Color::LightGreen,
            12 => Color::LightBlue,
            13 => Color::LightYellow,
            14 => Color::LightMagenta,
            15 => Color::LightCyan,
            16 => Color::White,
            17..=19 => Color::Indexed((n / 22) as u8),
            _ => Color::Rgb((n / 22) as u8, (n / 7) as u8, (n / 3) as u8),
        }
    }

    /// Two frames from `seed`s: the diff between them is what a draw writes.
    fn frame(area: Rect, seeds: &[(u16, u16, u32, u16, char)]) -> Buffer {
        let mut buffer = Buffer::empty(area);
        for &(x, y, colours, modifiers, c) in seeds {
            let (x, y) = (x % area.width, y % area.height);
            let modifier = MODIFIERS
                .iter()
                .enumerate()
                .filter(|(i, _)| modifiers & (1 << i) != 0)
                .fold(Modifier::empty(), |m, (_, &b)| m | b);
            let style = Style::new()
                .fg(color(colours))
                .bg(color(colours / 5))
                .underline_color(color(colours / 11))
                .add_modifier(modifier);
            buffer.set_string(x, y, c.to_string(), style);
        }
        buffer
    }

    /// The bytes this backend and crossterm's write for the change from `a` to `b`.
    fn both_write(a: &Buffer, b: &Buffer) -> (Vec<u8>, Vec<u8>) {
        let mut ours = Vec::new();
        Screen::new(&mut ours)
            .draw(a.diff(b).into_iter())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut theirs = Vec::new();
        CrosstermBackend::new(&mut theirs)
            .draw(a.diff(b).into_iter())
            .unwrap_or_else(|e| panic!("{e}"));
        (ours, theirs)
    }

    proptest! {
        /// Whatever changes between two frames, the bytes are crossterm's.
        #[test]
        fn a_frame_is_written_as_crossterm_writes_it(
            width in 1u16..300,
            height in 1u16..80,
            before in proptest::collection::vec((any::<u16>(), any::<u16>(), any::<u32>(), 0u16..512, prop_oneof![Just(' '), Just('a'), Just('│'), Just('界'), Just('é')]), 0..40),
            after in proptest::collection::vec((any::<u16>(), any::<u16>(), any::<u32>(), 0u16..512, prop_oneof![Just(' '), Just('b'), Just('─'), Just('中'), Just('ü')]), 0..200),
        ) {
            let area = Rect::new(0, 0, width, height);
            let (a, b) = (frame(area, &before), frame(area, &after));
            let (ours, theirs) = both_write(&a, &b);
            prop_assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs));
        }
    }

    #[test]
    fn every_modifier_change_is_written_as_crossterm_writes_it() {
        let area = Rect::new(0, 0, 4, 1);
        for from in 0u16..512 {
            for to in [0u16, 1, 2, 3, 5, 64, 65, 511, from ^ 3, from ^ 0x1f0] {
                let seeds = [
                    (0, 0, 0, from, 'x'),
                    (1, 0, 0, to, 'y'),
                    (3, 0, 0, from, 'z'),
                ];
                let (a, b) = (Buffer::empty(area), frame(area, &seeds));
                let (ours, theirs) = both_write(&a, &b);
                assert_eq!(ours, theirs, "{from:#b} -> {to:#b}");
            }
        }
    }

    #[test]
    fn cursor_moves_are_written_for_the_far_corner_too() {
        let area = Rect::new(0, 0, u16::MAX, 1);
        let mut b = Buffer::empty(area);
        b.set_string(u16::MAX - 1, 0, "z", Style::new());
        b.set_string(7, 0, "q", Style::new());
        let a = Buffer::empty(area);
        let (ours, theirs) = both_write(&a, &b);
        assert_eq!(ours, theirs);
        assert!(String::from_utf8_lossy(&ours).contains("\x1b[1;65535Hz"));
    }
}
