//! Keys as a config file writes them: `ctrl-s`, `f2`, `shift-tab`, `pgdn`, `space`, `x`,
//! `?`. Every name help shows reads back as the same key.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::tui::keymap::Key;

/// The key `text` names, or why it names none.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("an empty key name".into());
    }
    // A single character is itself, even `-` or `+`; the arrows help draws are arrows.
    let mut chars = t.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !matches!(c, '↑' | '↓' | '←' | '→')
    {
        return Ok(Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::NONE,
        });
    }
    let lower = t.to_lowercase();
    let (mods, base) = match lower
        .split_once(['-', '+'])
        .filter(|(m, rest)| !rest.is_empty() && is_modifier(m))
    {
        Some((m, rest)) => (m, rest.to_string()),
        None => ("", lower.clone()),
    };
    let base_original = &t[t.len() - base.len()..];
    let code = match base.as_str() {
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" | "↑" => KeyCode::Up,
        "down" | "↓" => KeyCode::Down,
        "left" | "←" => KeyCode::Left,
        "right" | "→" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
            Ok(n @ 1..=12) => KeyCode::F(n),
            _ => return Err(format!("`{t}` is not a key: function keys are f1 to f12")),
        },
        _ => {
            let mut cs = base_original.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return Err(unknown(t)),
            }
        }
    };
    let mut key = Key {
        code,
        mods: KeyModifiers::NONE,
    };
    match mods {
        "" => {}
        "ctrl" | "c" => match key.code {
            KeyCode::Char(c) if c.is_ascii_alphabetic() => {
                key.code = KeyCode::Char(c.to_ascii_lowercase());
                key.mods = KeyModifiers::CONTROL;
            }
            _ => {
                return Err(format!(
                    "`{t}`: only Ctrl with a letter reaches the app on every terminal"
                ));
            }
        },
        "shift" | "s" => match key.code {
            KeyCode::Tab | KeyCode::BackTab => key.code = KeyCode::BackTab,
            KeyCode::Char(c) if c.is_alphabetic() => {
                key.code = KeyCode::Char(c.to_uppercase().next().unwrap_or(c));
            }
            _ => return Err(format!("`{t}`: Shift works here with Tab and letters only")),
        },
        _ => {
            return Err(format!(
                "`{t}`: Alt and Meta keys do not reach the app the same way on every \
                 terminal; use Ctrl with a letter, a plain key or F1-F12"
            ));
        }
    }
    Ok(key)
}

fn is_modifier(m: &str) -> bool {
    matches!(m, "ctrl" | "c" | "shift" | "s" | "alt" | "a" | "m" | "meta")
}

fn unknown(t: &str) -> String {
    format!(
        "`{t}` is not a key: write a character (`x`, `?`), `ctrl-x`, `f1`-`f12`, `esc`, \
         `enter`, `tab`, `shift-tab`, `space`, `up`, `down`, `left`, `right`, `pgup`, \
         `pgdn`, `home`, `end`, `backspace` or `delete`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{BINDINGS, key_name};

    #[test]
    fn every_key_help_names_reads_back_as_itself() {
        for b in BINDINGS {
            for k in b.keys {
                let name = key_name(k);
                assert_eq!(parse_key(&name).as_ref(), Ok(k), "{name}");
            }
        }
    }

    #[test]
    fn the_usual_spellings_work_and_alt_is_refused_with_a_reason() {
        let ctrl_s = Key {
            code: KeyCode::Char('s'),
            mods: KeyModifiers::CONTROL,
        };
        for t in ["ctrl-s", "Ctrl-S", "ctrl+s", "C-s"] {
            assert_eq!(parse_key(t), Ok(ctrl_s), "{t}");
        }
        assert_eq!(parse_key("f2").map(|k| k.code), Ok(KeyCode::F(2)));
        assert_eq!(parse_key("shift-tab").map(|k| k.code), Ok(KeyCode::BackTab));
        assert_eq!(parse_key("G").map(|k| k.code), Ok(KeyCode::Char('G')));
        assert_eq!(parse_key("-").map(|k| k.code), Ok(KeyCode::Char('-')));
        assert!(parse_key("alt-x").is_err_and(|e| e.contains("Alt")));
        assert!(parse_key("ctrl-1").is_err());
        assert!(parse_key("f13").is_err());
        assert!(parse_key("hyper").is_err_and(|e| e.contains("is not a key")));
        assert!(parse_key("").is_err());
    }
}
