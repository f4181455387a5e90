//! The baseline for the start-up benchmark: a bare ratatui app that draws one frame and
//! exits. See benches/startup.rs and BENCHMARKS.md.

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    terminal.draw(|f| {
        f.render_widget(
            ratatui::widgets::Paragraph::new("bare-first-frame")
                .block(ratatui::widgets::Block::bordered()),
            f.area(),
        )
    })?;
    // Stay up like a real app would until killed by the benchmark.
    std::thread::sleep(std::time::Duration::from_secs(5));
    ratatui::restore();
    Ok(())
}
