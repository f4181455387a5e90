//! The README's keys table is the keymap's, word for word.

#[test]
fn readme_lists_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_default();
    let table = sdcoach::tui::keymap::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md keys section is out of date; replace it with:\n\n{table}"
    );
}
