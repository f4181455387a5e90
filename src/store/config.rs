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

/// The prompt a reviewer gets for finished session `t`: the user's `reviewer.md` from
/// `config_dir` when there is one that reads, else the built-in template, filled in with
/// the session and `problem`. With it, what the user should hear about their template
/// (it did not read; placeholders sdcoach does not fill in).
pub fn reviewer_prompt(
    config_dir: Option<&Path>,
    t: &crate::domain::transcript::Transcript,
    problem: Option<&crate::domain::problem::Problem>,
) -> (String, Vec<String>) {
    use crate::domain::second_opinion::{self, PLACEHOLDERS, TEMPLATE, TEMPLATE_FILE};
    let mut warnings = Vec::new();
    let own = config_dir.and_then(
        |dir| match read_reviewer_template(&dir.join(TEMPLATE_FILE)) {
            Ok(text) => text,
            Err(why) => {
                warnings.push(format!("{why} (the built-in template is used)"));
                None
            }
        },
    );
    if let Some(text) = &own {
        let unknown = second_opinion::unknown_placeholders(text);
        if !unknown.is_empty() {
            let braced = |p: &str| format!("{{{{{p}}}}}");
            let unknown: Vec<String> = unknown.iter().map(|u| braced(u)).collect();
            let known: Vec<String> = PLACEHOLDERS.iter().map(|(p, _)| braced(p)).collect();
            warnings.push(format!(
                "{TEMPLATE_FILE} has {} that sdcoach does not fill in (left as written); it \
                 fills in {}",
                unknown.join(", "),
                known.join(", ")
            ));
        }
    }
    let prompt = second_opinion::prompt(own.as_deref().unwrap_or(TEMPLATE), t, problem);
    (prompt, warnings)
}
