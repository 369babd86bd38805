//! Running the built binary from a test: the command, with the colour and accessibility
//! variables of the test's own environment removed so that its output does not depend on the
//! machine, and the standard output of a run that must succeed.

// Each test binary uses the part it needs.
#![allow(dead_code)]

use assert_cmd::Command;

/// The binary with no colour or accessibility variables inherited from the test's environment.
pub fn immunity() -> Command {
    let mut cmd = Command::cargo_bin("immunity").expect("the binary is built");
    for var in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "ACCESSIBLE"] {
        cmd.env_remove(var);
    }
    cmd
}

/// The standard output of `cmd`, which must succeed (its standard error is the message when it
/// does not).
pub fn stdout_of(cmd: &mut Command) -> Vec<u8> {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `cmd` to its end: its exit code (-1 when a signal ended it), its standard output as
/// bytes, and its standard error, which must be UTF-8.
pub fn run_bytes(cmd: &mut Command) -> (i32, Vec<u8>, String) {
    let out = cmd.output().expect("runs");
    let stderr = String::from_utf8(out.stderr).expect("standard error is UTF-8");
    (out.status.code().unwrap_or(-1), out.stdout, stderr)
}

/// [`run_bytes`] for a command whose standard output is text, which must be UTF-8.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let (code, stdout, stderr) = run_bytes(cmd);
    let stdout = String::from_utf8(stdout).expect("standard output is UTF-8");
    (code, stdout, stderr)
}
