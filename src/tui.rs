//! STUB until the TUI branch lands.
/// Message when there is no terminal.
pub const NOT_A_TERMINAL: &str = "the interactive walkthrough needs a terminal; use `immunity walk --answer QUESTION=OPTION ...` for scripts";
/// Options.
pub struct TuiOptions {
    pub no_color: bool,
    pub case: Option<String>,
}
/// Both ends are terminals.
pub fn is_interactive() -> bool {
    false
}
/// Runs the TUI.
pub fn run(
    _pack: &crate::pack::Pack,
    _options: &TuiOptions,
) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("not built yet")
}
