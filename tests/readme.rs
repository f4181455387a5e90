//! The README's keys table is the keymap's, word for word.

#[test]
fn readme_lists_the_keymap() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_default();
    let table = sdcoach::tui::keymap::Keymap::default().markdown_table();
    assert!(
        readme.contains(&table),
        "README.md keys section is out of date; replace it with:\n\n{table}"
    );
}

/// The problem format guide's examples are valid problems (the short ones with a header),
/// and the structure example's points hold on its own reference diagram.
#[test]
fn problem_guide_examples_are_valid() {
    use sdcoach::domain::coaching::verify_estimates;
    use sdcoach::domain::problem::{Origin, parse_problem};
    let guide = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/problems/README.md"))
        .unwrap_or_default();
    let blocks: Vec<&str> = guide
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .collect();
    assert_eq!(
        blocks.len(),
        3,
        "expected the complete example, the coaching example and the structure example"
    );
    let header = "id = \"frag\"\ntitle = \"Frag\"\ndifficulty = \"easy\"\nstatement = \"s\"\n\n";
    for (i, text) in [
        blocks[0].to_string(),
        format!("{header}{}", blocks[1]),
        format!("{header}{}", blocks[2]),
    ]
    .iter()
    .enumerate()
    {
        let p = parse_problem("README.md", text.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("example {i}: {e:?}"));
        assert_eq!(
            verify_estimates("README.md", text, &p.estimates),
            vec![],
            "example {i}"
        );
        assert_eq!(
            sdcoach::domain::structure::verify(&p),
            vec![],
            "example {i}"
        );
    }
    let structured = format!("{header}{}", blocks[2]);
    let p = parse_problem("README.md", structured.as_bytes(), Origin::User)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(p.structure.map(|s| s.points.len()), Some(4));
}
