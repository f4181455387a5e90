//! Starter text per step, inserted into the notes on request.

use super::framework::Step;

const TEMPLATES: [&str; 6] = [
    include_str!("../../templates/requirements.md"),
    include_str!("../../templates/capacity.md"),
    include_str!("../../templates/apis.md"),
    include_str!("../../templates/data_model.md"),
    include_str!("../../templates/architecture.md"),
    include_str!("../../templates/bottlenecks.md"),
];

/// The starter text for `step` (from `templates/<step key>.md`).
pub fn template(step: Step) -> &'static str {
    TEMPLATES[step.index()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_has_its_own_template_file() {
        for step in Step::ALL {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates")
                .join(format!("{}.md", step.key()));
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(template(step), on_disk, "{}", path.display());
            assert!(!on_disk.trim().is_empty());
        }
    }
}
