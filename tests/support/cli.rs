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
