//! The Content Security Policy the build writes into `index.html` (from
//! `assets/csp-policy.txt`) must be the one derived from the app's tile and data hosts, so
//! the two cannot drift apart.

#[test]
fn committed_policy_is_derived_from_the_tile_sources() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/csp-policy.txt");
    let committed = std::fs::read_to_string(path).expect("assets/csp-policy.txt");
    assert_eq!(
        committed.trim(),
        redmap::domain::csp::policy(),
        "assets/csp-policy.txt is stale: run `cargo run --bin redmap-data -- csp > assets/csp-policy.txt`"
    );
}
