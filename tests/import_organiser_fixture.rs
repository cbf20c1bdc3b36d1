//! The browser test's CSV (tests/e2e/fixtures/organiser_gbk.csv: GBK, with a bad
//! coordinate, a missing name, swapped lat/lon and a latitude out of range) read natively:
//! the numbers the end-to-end test expects.

use redmap::domain::import::{import_file, split_issue_path, ImportOptions};
use redmap::domain::model::TextLang;
use redmap::domain::validate::Severity;

#[test]
fn the_e2e_fixture_imports_four_sites_and_lists_every_problem() {
    let bytes = std::fs::read("tests/e2e/fixtures/organiser_gbk.csv").expect("fixture");
    let out = import_file("organiser_gbk.csv", &bytes, &ImportOptions::default());
    for i in &out.issues {
        println!("{i}");
    }
    let names: Vec<&str> = out.dataset.sites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "南海烈士陵园测试点",
            "未命名（第 4 行）",
            "经纬颠倒点",
            "正常二"
        ]
    );
    // The nameless row is named in both languages (map label, search, details).
    assert_eq!(out.dataset.sites[1].name_en, "Unnamed (row 4)");
    assert_eq!(out.summary.records, 6);
    assert_eq!(out.summary.skipped, 2);
    let errors: Vec<(String, String)> = out
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| split_issue_path(&i.path))
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0], ("row 3".to_owned(), "经度".to_owned()));
    assert_eq!(errors[1].0, "row 6");
    assert!(out.issues[0].message.contains("GBK"));
    // Every issue has a reason, worded in each language alone.
    let zh: Vec<String> = out.issues.iter().map(|i| i.text(TextLang::Zh)).collect();
    assert_eq!(zh[0], "文本按 GBK 读取（不是 UTF-8）");
    assert!(
        zh.contains(&"“abc”不是坐标；该行未导入".to_owned()),
        "{zh:#?}"
    );
    assert!(
        zh.contains(&"没有名称：显示为“未命名（第 4 行）”".to_owned()),
        "{zh:#?}"
    );
    for (i, text) in out.issues.iter().zip(&zh) {
        assert!(i.reason.is_some(), "{i}");
        assert!(!text.contains(" not ") && !text.contains("row "), "{text}");
        assert_eq!(i.text(TextLang::En), i.message);
    }
    let swapped = out.dataset.sites[2].position;
    assert!((swapped.lon - 113.25).abs() < 1e-9 && (swapped.lat - 23.08).abs() < 1e-9);
}
