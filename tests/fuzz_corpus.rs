//! Replays the fuzzers' saved inputs on stable: every file of `tests/fuzz/corpus/<target>/`
//! and `tests/fuzz/artifacts/<target>/` (crashes found and since fixed) goes through the
//! same entry function as the fuzz target (`redmap::domain::fuzzing`), which panics on a
//! crash or a broken invariant. Fuzzing itself is `make fuzz` (nightly, not in CI).

use redmap::domain::fuzzing::TARGETS;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    list.retain(|p| p.is_file());
    list.sort();
    list
}

#[test]
fn every_saved_fuzz_input_passes_its_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let mut failed = Vec::new();
    let mut replayed = 0;
    for (name, target) in TARGETS {
        let corpus = files(&root.join("corpus").join(name));
        assert!(!corpus.is_empty(), "no corpus for the fuzz target {name}");
        let artifacts = files(&root.join("artifacts").join(name));
        for path in corpus.iter().chain(&artifacts) {
            let bytes = std::fs::read(path).expect("readable corpus file");
            replayed += 1;
            if catch_unwind(AssertUnwindSafe(|| target(&bytes))).is_err() {
                failed.push(path.display().to_string());
            }
        }
    }
    assert!(failed.is_empty(), "inputs that fail: {failed:#?}");
    assert!(replayed > 0);
    println!("replayed {replayed} saved fuzz inputs");
}

#[test]
fn every_target_has_a_fuzz_target_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("fuzz Cargo.toml");
    for (name, _) in TARGETS {
        let file = root.join(format!("fuzz_targets/{name}.rs"));
        let text = std::fs::read_to_string(&file).expect("fuzz target file");
        assert!(text.contains(&format!("fuzzing::{name}(")), "{name}");
        assert!(manifest.contains(&format!("name = \"{name}\"")), "{name}");
    }
}
