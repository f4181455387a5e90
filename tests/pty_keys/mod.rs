//! The bytes a terminal sends for a key, looked up by what the key does: the keymap
//! (`Keymap::keys_for`, the built-in keys) says which key that is, so a test or bench driving the real binary in a
//! pseudo-terminal presses the key the app binds, whatever it is.

#![allow(dead_code)]

use sdcoach::tui::keymap::{Cmd, Ctx, Keymap};

/// What a terminal sends for `cmd`'s first key in `ctx`. Panics on a key it has no bytes
/// for, so a keymap change shows up here rather than as a test waiting for nothing.
pub fn key(ctx: Ctx, cmd: Cmd) -> String {
    let name = Keymap::default().keys_for(ctx, cmd);
    let named = match name.as_str() {
        "Esc" => Some("\x1b"),
        "Enter" => Some("\r"),
        "Tab" => Some("\t"),
        "Shift-Tab" => Some("\x1b[Z"),
        "Space" => Some(" "),
        "↑" => Some("\x1b[A"),
        "↓" => Some("\x1b[B"),
        "→" => Some("\x1b[C"),
        "←" => Some("\x1b[D"),
        "PgUp" => Some("\x1b[5~"),
        "PgDn" => Some("\x1b[6~"),
        _ => None,
    };
    if let Some(bytes) = named {
        return bytes.to_string();
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.to_string();
    }
    if let Some(letter) = name.strip_prefix("Ctrl-")
        && let [b] = letter.as_bytes()
        && b.is_ascii_alphabetic()
    {
        return char::from(b.to_ascii_lowercase() & 0x1f).to_string();
    }
    panic!("no bytes known for the key {name:?} ({cmd:?} in {ctx:?})");
}
