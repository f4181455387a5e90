//! A plan painted on a grid of cells, then read out as lines of equal display width.
//!
//! Lines are kept as the directions they run from each cell (up, down, left, right), so
//! where two meet the right junction or crossing is chosen; text goes over them.

use super::Drawing;
use super::layout::Plan;
use super::text::{self, Prepared};
use crate::diagram::{Charset, Direction, EdgeStyle, Shape};

const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

/// Line strengths: where several lines share a cell the strongest shows.
const DOTTED: u8 = 1;
const SOLID: u8 = 2;
const THICK: u8 = 3;

#[derive(Clone, Copy, Default)]
enum Glyph {
    /// Whatever the lines through the cell make (a space if none).
    #[default]
    Lines,
    Char(char),
    /// The start of a piece of text `width` columns wide (index into `chunks`).
    Chunk(u32, u16),
    /// A column covered by the text that starts `back` columns to the left.
    Cont(u16),
}

#[derive(Clone, Copy, Default)]
struct Cell {
    edge: u8,
    frame: u8,
    style: u8,
    glyph: Glyph,
}

struct Canvas {
    w: usize,
    h: usize,
    cells: Vec<Cell>,
    chunks: Vec<String>,
    unicode: bool,
}

impl Canvas {
    fn new(w: usize, h: usize, charset: Charset) -> Canvas {
        Canvas {
            w,
            h,
            cells: vec![Cell::default(); w * h],
            chunks: Vec::new(),
            unicode: charset == Charset::Unicode,
        }
    }

    fn cell(&mut self, x: i32, y: i32) -> Option<&mut Cell> {
        if x < 0 || y < 0 || x as usize >= self.w || y as usize >= self.h {
            return None;
        }
        self.cells.get_mut(y as usize * self.w + x as usize)
    }

    fn bits(&mut self, x: i32, y: i32, bits: u8, style: u8, frame: bool) {
        if let Some(c) = self.cell(x, y) {
            if frame {
                c.frame |= bits;
            } else {
                c.edge |= bits;
                c.style = c.style.max(style);
            }
        }
    }

    /// A straight line between two cells, ends included.
    fn line(&mut self, (x0, y0): (i32, i32), (x1, y1): (i32, i32), style: u8, frame: bool) {
        if y0 == y1 {
            let (a, b) = (x0.min(x1), x0.max(x1));
            for x in a..=b {
                let bits = if x > a { LEFT } else { 0 } | if x < b { RIGHT } else { 0 };
                self.bits(x, y0, bits, style, frame);
            }
        } else if x0 == x1 {
            let (a, b) = (y0.min(y1), y0.max(y1));
            for y in a..=b {
                let bits = if y > a { UP } else { 0 } | if y < b { DOWN } else { 0 };
                self.bits(x0, y, bits, style, frame);
            }
        }
    }

    /// Clears any text covering (x, y), so that what is put there next does not leave
    /// half a wide character behind.
    fn clear_text_at(&mut self, x: i32, y: i32) {
        let start = match self.cell(x, y).map(|c| c.glyph) {
            Some(Glyph::Chunk(_, _)) => x,
            Some(Glyph::Cont(back)) => x - i32::from(back),
            _ => return,
        };
        let width = match self.cell(start, y).map(|c| c.glyph) {
            Some(Glyph::Chunk(_, w)) => i32::from(w),
            _ => 1,
        };
        for cx in start..start + width.max(1) {
            if let Some(c) = self.cell(cx, y) {
                c.glyph = Glyph::Char(' ');
            }
        }
    }

    fn put_char(&mut self, x: i32, y: i32, ch: char) {
        self.clear_text_at(x, y);
        if let Some(c) = self.cell(x, y) {
            c.glyph = Glyph::Char(ch);
        }
    }

    /// Writes `s` from (x, y) rightwards, if all of it fits in the row.
    fn put_text(&mut self, x: i32, y: i32, s: &str) {
        let w = text::width(s);
        if w == 0
            || w > usize::from(u16::MAX)
            || x < 0
            || y < 0
            || x as usize + w > self.w
            || y as usize >= self.h
        {
            return;
        }
        for cx in x..x + w as i32 {
            self.clear_text_at(cx, y);
        }
        let id = self.chunks.len() as u32;
        self.chunks.push(s.to_string());
        for (i, cx) in (x..x + w as i32).enumerate() {
            if let Some(c) = self.cell(cx, y) {
                c.glyph = if i == 0 {
                    Glyph::Chunk(id, w as u16)
                } else {
                    Glyph::Cont(i as u16)
                };
            }
        }
    }

    /// Where a frame's title can go on the side from (x, y), within `room` columns: the
    /// longest stretch no edge crosses, less a free column either side of it.
    fn title_room(&mut self, x: i32, y: i32, room: i32) -> (i32, i32) {
        let (mut best, mut run_start, mut run) = ((x, 0), x, 0);
        for cx in x..x + room {
            if self.cell(cx, y).is_some_and(|c| c.edge == 0) {
                if run == 0 {
                    run_start = cx;
                }
                run += 1;
                if run > best.1 {
                    best = (run_start, run);
                }
            } else {
                run = 0;
            }
        }
        let (start, len) = if best.0 > x {
            (best.0 + 1, best.1 - 1)
        } else {
            best
        };
        if start + len < x + room {
            (start, len - 1)
        } else {
            (start, len)
        }
    }

    /// The character for `ch` in this canvas's charset.
    fn ch(&self, ch: char) -> char {
        if self.unicode { ch } else { ascii(ch) }
    }

    fn lines(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.h);
        for row in self.cells.chunks(self.w.max(1)).take(self.h) {
            let mut line = String::with_capacity(row.len() * 3);
            for c in row {
                match c.glyph {
                    Glyph::Lines => line.push(self.line_char(c)),
                    Glyph::Char(ch) => line.push(ch),
                    Glyph::Chunk(i, _) => {
                        if let Some(s) = self.chunks.get(i as usize) {
                            line.push_str(s);
                        }
                    }
                    Glyph::Cont(_) => {}
                }
            }
            out.push(line);
        }
        out
    }

    fn line_char(&self, c: &Cell) -> char {
        let (e, f) = (c.edge, c.frame);
        if e == 0 && f == 0 {
            return ' ';
        }
        let straight =
            |bits: u8, v: bool| bits != 0 && (bits & if v { LEFT | RIGHT } else { UP | DOWN }) == 0;
        if e == 0 {
            return self.ch(box_char(f, 4));
        }
        if f != 0 {
            if straight(f, false) && straight(e, true) {
                return self.ch('╪');
            }
            if straight(f, true) && straight(e, false) {
                return self.ch('╫');
            }
        }
        let ch = box_char(e, c.style);
        if self.unicode {
            ch
        } else {
            match (ch, c.style) {
                ('─' | '┄' | '━', DOTTED) => '.',
                ('─' | '┄' | '━', THICK) => '=',
                ('│' | '┆' | '┃', DOTTED) => ':',
                _ => ascii(ch),
            }
        }
    }
}

/// The box-drawing character for lines leaving a cell in directions `bits`: `style` is a
/// line strength, or 4 for a frame's double line.
fn box_char(bits: u8, style: u8) -> char {
    const LIGHT: [char; 16] = [
        ' ', '│', '│', '│', '─', '┘', '┐', '┤', '─', '└', '┌', '├', '─', '┴', '┬', '┼',
    ];
    const HEAVY: [char; 16] = [
        ' ', '┃', '┃', '┃', '━', '┛', '┓', '┫', '━', '┗', '┏', '┣', '━', '┻', '┳', '╋',
    ];
    const DOUBLE: [char; 16] = [
        ' ', '║', '║', '║', '═', '╝', '╗', '╣', '═', '╚', '╔', '╠', '═', '╩', '╦', '╬',
    ];
    let i = usize::from(bits & 15);
    let ch = match style {
        THICK => HEAVY[i],
        4 => DOUBLE[i],
        _ => LIGHT[i],
    };
    match (ch, style) {
        ('─', DOTTED) => '┄',
        ('│', DOTTED) => '┆',
        _ => ch,
    }
}

/// Plain ASCII for a drawing character.
fn ascii(ch: char) -> char {
    match ch {
        '─' | '┄' => '-',
        '━' | '═' => '=',
        '│' | '┆' | '┃' => '|',
        '║' => '|',
        '▶' => '>',
        '◀' => '<',
        '▼' => 'v',
        '▲' => '^',
        '╭' | '╯' | '╱' => '/',
        '╮' | '╰' | '╲' => '\\',
        '╔' | '╗' | '╚' | '╝' | '╠' | '╣' | '╦' | '╩' | '╬' => '#',
        c if c.is_ascii() => c,
        _ => '+',
    }
}

fn strength(style: EdgeStyle) -> u8 {
    match style {
        EdgeStyle::Solid => SOLID,
        EdgeStyle::Dotted => DOTTED,
        EdgeStyle::Thick => THICK,
    }
}

pub(super) fn paint(plan: &Plan, charset: Charset) -> Drawing {
    let lr = plan.direction == Direction::LeftRight;
    // (m, c) to (x, y).
    let xy = |m: i32, c: i32| if lr { (m, c) } else { (c, m) };
    let (w, h) = xy(plan.main_len, plan.cross_len);
    let mut cv = Canvas::new(w.max(0) as usize, h.max(0) as usize, charset);
    for f in &plan.frames {
        let corners = [
            xy(f.m0, f.c0),
            xy(f.m1, f.c0),
            xy(f.m1, f.c1),
            xy(f.m0, f.c1),
        ];
        for i in 0..4 {
            cv.line(corners[i], corners[(i + 1) % 4], SOLID, true);
        }
    }
    for l in &plan.lines {
        cv.line(xy(l.m0, l.c0), xy(l.m1, l.c1), strength(l.style), false);
    }
    for b in &plan.boxes {
        let (x, y) = xy(b.m, b.c);
        let (bw, bh) = xy(b.main, b.cross);
        draw_box(&mut cv, x, y, bw, bh, b.shape, &b.lines);
    }
    for t in &plan.texts {
        let (x, y) = xy(t.m, t.c);
        cv.put_text(x, y, &t.text);
    }
    for t in &plan.titles {
        let top = xy(t.m, t.c);
        let bottom = xy(t.bottom_m, t.bottom_c);
        let shown = |cv: &mut Canvas, (x, y): (i32, i32)| cv.title_room(x, y, t.room);
        let (at, (start, len)) = {
            let (a, b) = (shown(&mut cv, top), shown(&mut cv, bottom));
            let fits = (text::width(&t.title) + 2) as i32;
            if a.1 >= fits || a.1 >= b.1 {
                (top, a)
            } else {
                (bottom, b)
            }
        };
        if len >= 4 {
            let title = format!(" {} ", text::cut(&t.title, (len - 2) as usize, cv.unicode));
            cv.put_text(start, at.1, &title);
        }
    }
    for a in &plan.arrows {
        let (x, y) = xy(a.m, a.c);
        let ch = match (lr, a.forward) {
            (true, true) => '▶',
            (true, false) => '◀',
            (false, true) => '▼',
            (false, false) => '▲',
        };
        let ch = cv.ch(ch);
        cv.put_char(x, y, ch);
    }
    Drawing {
        lines: cv.lines(),
        note: None,
    }
}

/// A node's outline and its label, centred.
fn draw_box(cv: &mut Canvas, x: i32, y: i32, w: i32, h: i32, shape: Shape, lines: &[String]) {
    if w < 2 || h < 2 {
        return;
    }
    let (x1, y1) = (x + w - 1, y + h - 1);
    cv.line((x, y), (x1, y), SOLID, false);
    cv.line((x1, y), (x1, y1), SOLID, false);
    cv.line((x, y1), (x1, y1), SOLID, false);
    cv.line((x, y), (x, y1), SOLID, false);
    let corners = match shape {
        Shape::Box => None,
        Shape::Round | Shape::Stadium | Shape::Circle => Some(['╭', '╮', '╰', '╯']),
        Shape::Cylinder => Some(['╒', '╕', '╘', '╛']),
        Shape::Rhombus | Shape::Hexagon => Some(['╱', '╲', '╲', '╱']),
        Shape::Parallelogram => Some(['╱', '╱', '╱', '╱']),
    };
    if let Some([tl, tr, bl, br]) = corners {
        for (cx, cy, ch) in [(x, y, tl), (x1, y, tr), (x, y1, bl), (x1, y1, br)] {
            let ch = cv.ch(ch);
            cv.put_char(cx, cy, ch);
        }
    }
    // Sides that are not plain lines, where no edge joins them.
    let sides = match shape {
        Shape::Stadium | Shape::Circle => Some(('(', ')')),
        Shape::Rhombus => Some(('<', '>')),
        Shape::Parallelogram => Some(('╱', '╱')),
        _ => None,
    };
    if let Some((l, r)) = sides {
        for cy in y + 1..y1 {
            for (cx, ch) in [(x, l), (x1, r)] {
                let plain = cv.cell(cx, cy).is_some_and(|c| c.edge == UP | DOWN);
                if plain {
                    let ch = cv.ch(ch);
                    cv.put_char(cx, cy, ch);
                }
            }
        }
    }
    if shape == Shape::Cylinder {
        for cx in x + 1..x1 {
            for cy in [y, y1] {
                let plain = cv.cell(cx, cy).is_some_and(|c| c.edge == LEFT | RIGHT);
                if plain {
                    let ch = cv.ch('═');
                    cv.put_char(cx, cy, ch);
                }
            }
        }
    }
    let inner_h = h - 2;
    let top = y + 1 + (inner_h - lines.len() as i32).max(0) / 2;
    for (i, line) in lines.iter().enumerate().take(inner_h.max(0) as usize) {
        let lw = text::width(line) as i32;
        let lx = x + 2 + ((w - 4) - lw).max(0) / 2;
        cv.put_text(lx, top + i as i32, line);
    }
}

/// The nodes as boxes in rows, without edges or frames: for graphs too big to lay out
/// (the caller says why in the drawing's note).
pub(super) fn boxes_only(
    prep: &Prepared,
    charset: Charset,
    max_width: Option<usize>,
    wrap: usize,
) -> Drawing {
    let unicode = charset == Charset::Unicode;
    let room = max_width.unwrap_or(100).max(8) as i32;
    let boxes: Vec<(Vec<String>, i32, i32, Shape)> = prep
        .nodes
        .iter()
        .map(|n| {
            let lines = text::wrap(&n.label, wrap, 3, unicode);
            let lw = lines.iter().map(|l| text::width(l)).max().unwrap_or(0) as i32;
            let h = lines.len() as i32 + 2;
            (lines, lw + 4, h, n.shape)
        })
        .collect();
    // Rows of boxes that fit in `room`.
    let mut placed = Vec::with_capacity(boxes.len());
    let (mut x, mut y, mut row_h, mut width) = (0i32, 0i32, 0i32, 0i32);
    for (i, b) in boxes.iter().enumerate() {
        if x > 0 && x + b.1 > room {
            x = 0;
            y += row_h + 1;
            row_h = 0;
        }
        placed.push((i, x, y));
        x += b.1 + 2;
        width = width.max(x - 2);
        row_h = row_h.max(b.2);
    }
    let height = y + row_h;
    let mut cv = Canvas::new(width.max(1) as usize, height.max(1) as usize, charset);
    for (i, bx, by) in placed {
        if let Some((lines, w, h, shape)) = boxes.get(i) {
            draw_box(&mut cv, bx, by, *w, *h, *shape, lines);
        }
    }
    Drawing {
        lines: cv.lines(),
        note: None,
    }
}
