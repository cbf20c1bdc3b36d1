//! `redmap-data`: command-line tools for the bundled dataset.
fn main() {}
