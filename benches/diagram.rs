//! Drawing a diagram as text: the 25-node video platform sample, as the notes pane would
//! draw it (its own direction, and fitted to 80 columns, which tries narrower layouts),
//! and a 500-node graph, which is drawn as boxes alone. Then a keystroke in the
//! architecture step's editor with the diagram view open on that sample, at 200×50:
//! typing prose after the diagram, and typing inside it (every key changes the graph);
//! and the same with the largest diagram the layout takes on.
//!
//! Run: `cargo bench --bench diagram`. Figures and machine: BENCHMARKS.md. Key to screen
//! for the real binary in a pty, the same two cases: `cargo bench --bench keystroke_pty`.

use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::Key;
use sdcoach::diagram::{Charset, Graph, draw, to_mermaid};
use sdcoach::tui::action::{Action, Typed};
use sdcoach::tui::keymap::Cmd;
use sdcoach::tui::view;

#[path = "../tests/diagram_samples/mod.rs"]
mod diagram_samples;

mod common;
use common::{backspace, input, key, keystroke, practice};

fn main() {
    divan::main();
}

#[divan::bench]
fn draw_25_nodes(bencher: Bencher) {
    let g = diagram_samples::video_platform();
    bencher.bench(|| draw(divan::black_box(&g), Charset::Unicode, None));
}

#[divan::bench]
fn draw_25_nodes_fitted_to_80_columns(bencher: Bencher) {
    let g = diagram_samples::video_platform();
    bencher.bench(|| draw(divan::black_box(&g), Charset::Unicode, Some(80)));
}

#[divan::bench]
fn draw_each_sample(bencher: Bencher) {
    let all = diagram_samples::all();
    bencher.bench(|| {
        for (_, g) in &all {
            divan::black_box(draw(g, Charset::Unicode, None));
        }
    });
}

#[divan::bench]
fn draw_500_nodes(bencher: Bencher) {
    let g = diagram_samples::chain_of(500);
    bencher.bench(|| draw(divan::black_box(&g), Charset::Unicode, Some(120)));
}

/// The most the layout takes on (200 nodes, 600 edges crossing many layers), in its own
/// direction and fitted to 100 columns.
#[divan::bench(args = [None, Some(100)], sample_count = 10, sample_size = 1)]
fn draw_200_tangled_nodes(bencher: Bencher, width: Option<usize>) {
    let g = diagram_samples::tangled_chain(200);
    bencher.bench(|| draw(divan::black_box(&g), Charset::Unicode, width));
}

/// A keystroke (the key, the tick after it, a 200×50 frame) in the architecture step with
/// `diagram_samples::architecture_notes()` in it (25 nodes) and the diagram view open:
/// after the diagram ("prose"), or at the end of its last edge ("fence", so `ads` becomes
/// `adsx` and back, a changed graph every key).
#[divan::bench(args = ["prose", "fence"], sample_count = 50)]
fn keystroke_with_diagram_view_200x50(bencher: Bencher, at: &str) {
    let graph = diagram_samples::video_platform();
    keystrokes_with_diagram_view(bencher, &graph, at == "fence");
}

/// The same beside (and in) about the most the layout takes on: 199 nodes, 594 edges,
/// so that the node typing at the end of its last edge makes (`n0x`) is the 200th, and
/// every key is a full layout.
#[divan::bench(args = ["prose", "fence"], sample_count = 20)]
fn keystroke_with_199_tangled_nodes_200x50(bencher: Bencher, at: &str) {
    let graph = diagram_samples::tangled_chain(199);
    keystrokes_with_diagram_view(bencher, &graph, at == "fence");
}

fn keystrokes_with_diagram_view(bencher: Bencher, graph: &Graph, in_fence: bool) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut model, mut runner, clock) = practice(dir.path());
    for action in [
        Action::Cmd(Cmd::LeaveEditor),
        Action::Cmd(Cmd::Jump(4)),
        Action::Cmd(Cmd::EditNotes),
        Action::Type(Typed::Paste(diagram_samples::notes_around(graph))),
        Action::Cmd(Cmd::LeaveEditor),
        Action::Cmd(Cmd::ToggleDiagram),
        Action::Cmd(Cmd::EditNotes),
    ] {
        runner.dispatch(&mut model, action, &clock);
    }
    if in_fence {
        for _ in 0..4 {
            runner.dispatch(&mut model, input(Key::Up), &clock);
        }
        runner.dispatch(&mut model, input(Key::End), &clock);
    }
    let p = model.practice().unwrap_or_else(|| panic!("no practice"));
    let drawn = p.diagram.as_ref().map_or(0, |v| v.drawn.len());
    assert_eq!(drawn, 1, "the diagram view is open on the diagram");
    let mermaid = to_mermaid(graph);
    let last_edge = mermaid.lines().last().unwrap_or_default();
    assert_eq!(
        p.notes_before_cursor().ends_with(last_edge),
        in_fence,
        "the cursor is at the end of the last edge only in the fence"
    );
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    let _ = terminal.draw(|f| view::draw(&model, f));
    let mut typed = false;
    bencher.bench_local(|| {
        let action = if typed { backspace() } else { key('x') };
        typed = !typed;
        keystroke(&mut model, &mut runner, &clock, &mut terminal, action);
    });
}
