//! Integration tests: build fixture sites (under `tests/fixtures/`, or made in the test) and
//! assert on the files written and the diagnostics reported.

#![allow(unreachable_pub, missing_docs)]

mod harness;
#[path = "../support/photos.rs"]
mod make;

mod cli;
mod diagnostics;
mod example;
mod output;
mod photos;
mod provinces;
mod safety;
mod vietnamese;
