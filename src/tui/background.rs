//! Asking the terminal what colour its background is (OSC 11), for the `auto` theme when
//! the environment does not say (`COLORFGBG`).
//!
//! The question goes out after the first frame, so start-up never waits for it, and the
//! answer comes back among the keys: crossterm has no event for it and reads
//! `ESC ] 11 ; rgb:… BEL` as Alt-], the reply's characters and Ctrl-G. [`Replies`] picks
//! those out of the event stream and lets every other event through in order, so a key
//! typed meanwhile is never lost, and a terminal that does not answer costs nothing.
//! (Crates that ask, such as terminal-colorsaurus, read the terminal themselves before
//! the app does and drop whatever else they read there, keys included; they also block
//! until the answer or a timeout.)

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::config::ThemeMode;

/// The question: "what is your background colour?". Ended with BEL, so terminals answer
/// with BEL too: rxvt-unicode answers an ST-ended question with a lone ESC.
pub const QUERY: &[u8] = b"\x1b]11;?\x07";

/// How long a reply begun may pause before what was held is handed on as keys.
pub const PATIENCE: Duration = Duration::from_millis(100);

/// The longest colour text taken as a reply ("rgba:ffff/ffff/ffff/ffff" is 24).
const MAX_REPLY: usize = 40;

/// Whether stdin and stdout are both a terminal, so a question written to one is
/// answered on the other.
#[allow(clippy::disallowed_methods)]
pub fn on_a_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal() && std::io::stdin().is_terminal()
}

/// Write [`QUERY`] to the terminal. Only the question is written, never text, so it needs
/// no sanitiser.
#[allow(clippy::disallowed_methods)]
pub fn ask() -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout();
    out.write_all(QUERY)?;
    out.flush()
}

/// Whether to ask: only for the `auto` theme, with colour on, when `COLORFGBG` does not
/// already say, and when both ends are a terminal that can answer (not `TERM=dumb`, not
/// GNU screen, which shows the reply as text). `var` reads the environment.
pub fn should_ask(mode: ThemeMode, var: impl Fn(&str) -> Option<String>, terminal: bool) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let screen = term.starts_with("screen") && set("STY");
    mode == ThemeMode::Auto
        && terminal
        && !set("NO_COLOR")
        && !set("COLORFGBG")
        && !term.is_empty()
        && term != "dumb"
        && !screen
}

/// A colour, each part from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb {
    pub r: f64,
    pub g: f64,
    pub b: f64,
}

/// The colour in a reply's text (what follows `11;`): `rgb:R/G/B` with 1 to 4 hex digits
/// a part (`rgb:ffff/ffff/ffff`, `rgb:ff/ff/ff`), `rgba:R/G/B/A`, or `#RGB` to
/// `#RRRRGGGGBBBB`, as X11 writes colours.
pub fn parse_reply(text: &str) -> Option<Rgb> {
    let scaled = |hex: &str, full: f64| -> Option<f64> {
        let ok = (1..=4).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit());
        ok.then(|| u16::from_str_radix(hex, 16).ok())
            .flatten()
            .map(|v| f64::from(v) / full)
    };
    if let Some(hex) = text.strip_prefix('#') {
        // Each part is the top bits of a 16-bit value: "#3a7" is 0x3000, 0xa000, 0x7000.
        let n = hex.len() / 3;
        if n == 0 || hex.len() % 3 != 0 || n > 4 || !hex.is_ascii() {
            return None;
        }
        let full = 16f64.powi(n as i32);
        let part = |i: usize| scaled(hex.get(i * n..(i + 1) * n)?, full);
        return Some(Rgb {
            r: part(0)?,
            g: part(1)?,
            b: part(2)?,
        });
    }
    let (parts, count) = if let Some(rest) = text.strip_prefix("rgb:") {
        (rest, 3)
    } else if let Some(rest) = text.strip_prefix("rgba:") {
        (rest, 4)
    } else {
        return None;
    };
    let parts: Vec<&str> = parts.split('/').collect();
    if parts.len() != count {
        return None;
    }
    // "rgb:f/8/0" means 15/15, 8/15, 0/15 of full: each part is scaled by its own length.
    let part = |i: usize| {
        let hex = parts.get(i)?;
        scaled(hex, 16f64.powi(hex.len() as i32) - 1.0)
    };
    Some(Rgb {
        r: part(0)?,
        g: part(1)?,
        b: part(2)?,
    })
}

/// Whether a background of this colour is light: its perceived lightness (CIE L*) is
/// above the middle, so dark text reads better on it than light.
pub fn is_light(c: Rgb) -> bool {
    let linear = |v: f64| {
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
    let lightness = if y <= 216.0 / 24389.0 {
        y * 24389.0 / 27.0
    } else {
        116.0 * y.cbrt() - 16.0
    };
    lightness > 50.0
}

/// What the event stream holds once replies are taken out of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Seen {
    /// An event of the user's (or the terminal's), to handle as usual.
    Event(Event),
    /// The terminal's background colour.
    Background(Rgb),
}

/// Where a reply being read has got to.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// No reply begun.
    Idle,
    /// Alt-] seen, and this many characters of "11;".
    Prefix(usize),
    /// The colour's text so far.
    Body(String),
    /// The colour's text, then an Esc: the start of the ST ending it (`ESC \` read in two
    /// pieces), or all of it (older rxvt-unicode).
    Escape(String),
}

/// Picks replies to [`QUERY`] out of the terminal's events; the events that turn out not
/// to be one are handed on in the order they came. After one reply it stands aside.
#[derive(Debug)]
pub struct Replies {
    state: State,
    held: Vec<Event>,
    last: Option<Instant>,
    answered: bool,
}

impl Default for Replies {
    fn default() -> Self {
        Replies {
            state: State::Idle,
            held: Vec::new(),
            last: None,
            answered: false,
        }
    }
}

impl Replies {
    /// The next event, read at `now`: what it lets through (nothing while a reply may be
    /// under way).
    pub fn feed(&mut self, ev: Event, now: Instant) -> Vec<Seen> {
        if self.answered {
            return vec![Seen::Event(ev)];
        }
        let key = match &ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => Some((k.code, k.modifiers)),
            _ => None,
        };
        let plain = |m: KeyModifiers| (m - KeyModifiers::SHIFT).is_empty();
        let next = match (&self.state, key) {
            (State::Idle, Some((KeyCode::Char(']'), KeyModifiers::ALT))) => State::Prefix(0),
            (State::Idle, _) => return vec![Seen::Event(ev)],
            (State::Prefix(n), Some((KeyCode::Char(c), m)))
                if plain(m) && "11;".chars().nth(*n) == Some(c) =>
            {
                if *n == 2 {
                    State::Body(String::new())
                } else {
                    State::Prefix(n + 1)
                }
            }
            // BEL (read as Ctrl-G) or ST (Alt-\) ends the reply.
            (State::Body(_), Some((KeyCode::Char('g'), KeyModifiers::CONTROL)))
            | (State::Body(_), Some((KeyCode::Char('\\'), KeyModifiers::ALT)))
            | (State::Escape(_), Some((KeyCode::Char('\\'), KeyModifiers::NONE))) => {
                return self.answer();
            }
            // A lone Esc ended it; this event is the next one.
            (State::Escape(_), _) => {
                let mut out = self.answer();
                out.extend(self.feed(ev, now));
                return out;
            }
            (State::Body(text), Some((KeyCode::Esc, KeyModifiers::NONE))) => {
                State::Escape(text.clone())
            }
            (State::Body(text), Some((KeyCode::Char(c), m)))
                if plain(m) && c.is_ascii_graphic() && text.len() < MAX_REPLY =>
            {
                State::Body(format!("{text}{c}"))
            }
            _ => {
                // Not a reply after all: hand back what was held, then read this event
                // afresh (it may begin a reply of its own).
                let mut out = self.give_back();
                out.extend(self.feed(ev, now));
                return out;
            }
        };
        self.state = next;
        self.held.push(ev);
        self.last = Some(now);
        vec![]
    }

    /// Events held for a reply that has paused for [`PATIENCE`] by `now`, handed back:
    /// they were keys after all (unless an Esc had ended the colour's text).
    pub fn expire(&mut self, now: Instant) -> Vec<Seen> {
        match (&self.state, self.last) {
            (_, Some(last)) if now.saturating_duration_since(last) < PATIENCE => vec![],
            (State::Escape(_), Some(_)) => self.answer(),
            (_, Some(_)) => self.give_back(),
            (_, None) => vec![],
        }
    }

    /// The reply read so far is complete: its colour. One in a form not understood is
    /// still no key of the user's, so nothing of it is handed on.
    fn answer(&mut self) -> Vec<Seen> {
        let colour = match &self.state {
            State::Body(text) | State::Escape(text) => parse_reply(text),
            State::Idle | State::Prefix(_) => None,
        };
        self.reset();
        self.answered = colour.is_some();
        colour.map(Seen::Background).into_iter().collect()
    }

    fn give_back(&mut self) -> Vec<Seen> {
        let held = std::mem::take(&mut self.held);
        self.reset();
        held.into_iter().map(Seen::Event).collect()
    }

    fn reset(&mut self) {
        self.state = State::Idle;
        self.held.clear();
        self.last = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEvent;

    fn rgb(r: f64, g: f64, b: f64) -> Option<Rgb> {
        Some(Rgb { r, g, b })
    }

    #[test]
    fn replies_are_read_in_every_form_x11_writes() {
        assert_eq!(parse_reply("rgb:ffff/ffff/ffff"), rgb(1.0, 1.0, 1.0));
        assert_eq!(parse_reply("rgb:0000/0000/0000"), rgb(0.0, 0.0, 0.0));
        assert_eq!(parse_reply("rgb:ff/ff/ff"), rgb(1.0, 1.0, 1.0));
        assert_eq!(parse_reply("rgb:FF/80/00"), rgb(1.0, 128.0 / 255.0, 0.0));
        assert_eq!(parse_reply("rgb:f/8/0"), rgb(1.0, 8.0 / 15.0, 0.0));
        assert_eq!(
            parse_reply("rgb:1e1e/1e1e/2e2e"),
            rgb(7710.0 / 65535.0, 7710.0 / 65535.0, 11822.0 / 65535.0)
        );
        assert_eq!(parse_reply("rgba:ffff/ffff/ffff/0000"), rgb(1.0, 1.0, 1.0));
        assert_eq!(
            parse_reply("#fff"),
            rgb(15.0 / 16.0, 15.0 / 16.0, 15.0 / 16.0)
        );
        assert_eq!(parse_reply("#ff8000"), rgb(1.0 - 1.0 / 256.0, 0.5, 0.0));
        for bad in [
            "",
            "?",
            "rgb:",
            "rgb:ff/ff",
            "rgb:ff/ff/ff/ff",
            "rgb:fffff/0/0",
            "rgb:gg/00/00",
            "rgb:/00/00",
            "rgba:ff/ff/ff",
            "#ffff",
            "#",
            "cmyk:0/0/0/0",
        ] {
            assert_eq!(parse_reply(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn light_and_dark_follow_perceived_lightness() {
        let light = |text: &str| parse_reply(text).map(is_light);
        assert_eq!(light("rgb:ffff/ffff/ffff"), Some(true));
        assert_eq!(light("rgb:0000/0000/0000"), Some(false));
        // Solarized light and dark, GitHub light, a typical dark grey.
        assert_eq!(light("#fdf6e3"), Some(true));
        assert_eq!(light("#002b36"), Some(false));
        assert_eq!(light("rgb:f6/f8/fa"), Some(true));
        assert_eq!(light("rgb:1e/1e/1e"), Some(false));
        // Pure blue is bright in value but dark to the eye; pure yellow is light.
        assert_eq!(light("rgb:00/00/ff"), Some(false));
        assert_eq!(light("rgb:ff/ff/00"), Some(true));
        // Either side of the middle grey (L* 50 is about #777777).
        assert_eq!(light("rgb:70/70/70"), Some(false));
        assert_eq!(light("rgb:80/80/80"), Some(true));
    }

    #[test]
    fn asked_only_for_auto_with_colour_on_a_terminal_that_can_answer() {
        let env = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let xterm: &[(&str, &str)] = &[("TERM", "xterm-256color")];
        assert!(should_ask(ThemeMode::Auto, env(xterm), true));
        assert!(!should_ask(ThemeMode::Dark, env(xterm), true));
        assert!(!should_ask(ThemeMode::Light, env(xterm), true));
        assert!(!should_ask(ThemeMode::Auto, env(xterm), false), "no tty");
        let said = &[("TERM", "xterm"), ("COLORFGBG", "0;15")];
        assert!(!should_ask(ThemeMode::Auto, env(said), true));
        let plain = &[("TERM", "xterm"), ("NO_COLOR", "1")];
        assert!(!should_ask(ThemeMode::Auto, env(plain), true));
        let empty = &[("TERM", "xterm"), ("NO_COLOR", ""), ("COLORFGBG", "")];
        assert!(should_ask(ThemeMode::Auto, env(empty), true));
        assert!(!should_ask(ThemeMode::Auto, env(&[("TERM", "dumb")]), true));
        assert!(!should_ask(ThemeMode::Auto, env(&[]), true), "no TERM");
        let screen = &[("TERM", "screen-256color"), ("STY", "1234.pts-0.host")];
        assert!(!should_ask(ThemeMode::Auto, env(screen), true));
        let tmux = &[("TERM", "screen-256color"), ("TMUX", "/tmp/tmux-0/default")];
        assert!(should_ask(ThemeMode::Auto, env(tmux), true));
    }

    /// The events crossterm reads from `bytes` (as one read): each byte a key, ESC with
    /// the next byte an Alt key, as its parser does outside escape sequences.
    fn events(bytes: &str) -> Vec<Event> {
        let mut out = Vec::new();
        let mut chars = bytes.chars().peekable();
        while let Some(c) = chars.next() {
            let key = match c {
                '\x1b' => match chars.next() {
                    Some(next) => KeyEvent::new(KeyCode::Char(next), KeyModifiers::ALT),
                    None => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                },
                '\x07' => KeyEvent::new(KeyCode::Char('g'), KeyModifiers::CONTROL),
                c if c.is_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
                c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
            };
            out.push(Event::Key(key));
        }
        out
    }

    fn feed_all(r: &mut Replies, evs: Vec<Event>, now: Instant) -> Vec<Seen> {
        evs.into_iter().flat_map(|ev| r.feed(ev, now)).collect()
    }

    fn keys(text: &str) -> Vec<Seen> {
        events(text).into_iter().map(Seen::Event).collect()
    }

    #[test]
    fn a_reply_is_taken_out_and_the_keys_around_it_stay_in_order() {
        let now = Instant::now();
        for (reply, white) in [
            ("\x1b]11;rgb:ffff/ffff/ffff\x1b\\", true),
            ("\x1b]11;rgb:00/00/00\x07", false),
            ("\x1b]11;rgb:FFFF/FFFF/FFFF\x07", true),
        ] {
            let mut r = Replies::default();
            let mut evs = events("ab");
            evs.extend(events(reply));
            evs.extend(events("c"));
            let seen = feed_all(&mut r, evs, now);
            let mut want = keys("ab");
            let c = if white { 1.0 } else { 0.0 };
            want.push(Seen::Background(Rgb { r: c, g: c, b: c }));
            want.extend(keys("c"));
            assert_eq!(seen, want, "{reply:?}");
        }
    }

    #[test]
    fn an_st_read_in_two_pieces_or_a_lone_esc_still_ends_the_reply() {
        let now = Instant::now();
        let white = Seen::Background(Rgb {
            r: 1.0,
            g: 1.0,
            b: 1.0,
        });
        let esc = || Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let mut r = Replies::default();
        let mut evs = events("\x1b]11;rgb:ff/ff/ff");
        evs.push(esc());
        evs.extend(events("\\"));
        assert_eq!(feed_all(&mut r, evs, now), vec![white.clone()]);
        // Older rxvt-unicode ends with ESC alone: the next key is the user's.
        let mut r = Replies::default();
        let mut evs = events("\x1b]11;rgb:ff/ff/ff");
        evs.push(esc());
        evs.extend(events("q"));
        let mut want = vec![white.clone()];
        want.extend(keys("q"));
        assert_eq!(feed_all(&mut r, evs, now), want);
        // ... or nothing follows it.
        let mut r = Replies::default();
        let mut evs = events("\x1b]11;rgb:ff/ff/ff");
        evs.push(esc());
        assert!(feed_all(&mut r, evs, now).is_empty());
        assert_eq!(r.expire(now + PATIENCE), vec![white]);
    }

    #[test]
    fn keys_that_only_look_like_a_reply_are_handed_on_unchanged() {
        let now = Instant::now();
        for typed in [
            "\x1b]x",
            "\x1b]11x",
            "\x1b]\x1b]1q",
            "\x1b]11;rgb\x1bq",
            "\x1b]11;rgb\t",
        ] {
            let mut r = Replies::default();
            let seen = feed_all(&mut r, events(typed), now);
            assert_eq!(seen, keys(typed), "{typed:?}");
        }
        // Mouse and other events break a reply off too, and come after what was held.
        let mut r = Replies::default();
        let mut evs = events("\x1b]1");
        evs.push(Event::FocusGained);
        let mut want = keys("\x1b]1");
        want.push(Seen::Event(Event::FocusGained));
        assert_eq!(feed_all(&mut r, evs, now), want);
    }

    #[test]
    fn a_reply_that_stops_coming_is_handed_on_as_keys_once_patience_runs_out() {
        let start = Instant::now();
        let mut r = Replies::default();
        assert!(feed_all(&mut r, events("\x1b]11;rg"), start).is_empty());
        assert!(r.expire(start + PATIENCE / 2).is_empty());
        assert_eq!(r.expire(start + PATIENCE), keys("\x1b]11;rg"));
        assert!(r.expire(start + PATIENCE * 3).is_empty(), "handed on once");
        // A colour nobody can read is still a reply: nothing of it is typed.
        let mut r = Replies::default();
        assert!(feed_all(&mut r, events("\x1b]11;hsl:0/0/0\x07"), start).is_empty());
        // Once answered, it stands aside: even Alt-] goes straight through.
        let mut r = Replies::default();
        feed_all(&mut r, events("\x1b]11;rgb:0/0/0\x07"), start);
        assert_eq!(feed_all(&mut r, events("\x1b]"), start), keys("\x1b]"));
    }
}
