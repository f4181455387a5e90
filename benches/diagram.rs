//! Drawing a diagram as text: the 25-node video platform sample, as the notes pane would
//! draw it (its own direction, and fitted to 80 columns, which tries narrower layouts),
//! and a 500-node graph, which is drawn as boxes alone.
//!
//! Run: `cargo bench --bench diagram`. Figures and machine: BENCHMARKS.md.

use divan::Bencher;
use sdcoach::diagram::{Charset, draw};

#[path = "../tests/diagram_samples/mod.rs"]
mod diagram_samples;

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
