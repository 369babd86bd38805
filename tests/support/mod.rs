//! What the integration tests share. Each test file that needs it says `mod support;` and uses
//! the parts it needs.

pub mod cli;
pub mod pack;
pub mod pty;
pub mod quiz;
