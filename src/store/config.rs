//! Reading the config file and the reviewer's template: the only I/O the settings need.

use std::io::Read;
use std::path::Path;

use crate::domain::diagnostic::Diagnostic;

/// Bigger than any config anyone writes by hand; a bigger file is refused unread.
const MAX_BYTES: u64 = 1024 * 1024;

/// The config file's text. `Ok(None)` when there is none at the default place (`named`
/// false); a named file that is missing, unreadable, too big or not UTF-8 is an error
/// pointing at it.
pub fn read_config(path: &Path, named: bool) -> Result<Option<String>, Diagnostic> {
    read_text(path, named, "the config file")
}

/// The user's own reviewer template (`reviewer.md` in the config folder), read like the
/// config file: `Ok(None)` when there is none.
pub fn read_reviewer_template(path: &Path) -> Result<Option<String>, Diagnostic> {
    read_text(path, false, "the reviewer template")
}

fn read_text(path: &Path, named: bool, what: &str) -> Result<Option<String>, Diagnostic> {
    let file = path.display().to_string();
    let fail = |message: String| Diagnostic {
        file: file.clone(),
        line: 1,
        col: 1,
        message,
    };
    let handle = match std::fs::File::open(path) {
        Ok(h) => h,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => return Ok(None),
        Err(e) => return Err(fail(format!("cannot read {what}: {e}"))),
    };
    let mut bytes = Vec::new();
    handle
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("cannot read {what}: {e}")))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(fail(format!("{what} is over 1 MB: not read")));
    }
    match crate::domain::problem::utf8_text(&file, &bytes) {
        Ok(text) => Ok(Some(text.to_string())),
        Err(mut diags) => Err(diags.remove(0)),
    }
}
