//! Strings of the search box about its pinyin table (src/ui/discover/search_index.rs): shown
//! under the results only when a query looks like pinyin and the table is not in.

use super::Lang;

pub struct PinyinStrings {
    /// The table is still downloading (a moment after the first frame).
    pub loading: &'static str,
    /// The table could not be downloaded: Chinese and English names still work.
    pub unavailable: &'static str,
}

pub static ZH: PinyinStrings = PinyinStrings {
    loading: "拼音搜索正在加载…",
    unavailable: "拼音搜索暂不可用（拼音数据未能下载），请输入汉字或英文名称。",
};

pub static EN: PinyinStrings = PinyinStrings {
    loading: "Pinyin search is loading…",
    unavailable: "Pinyin search is unavailable (its data could not be downloaded): type Chinese characters or the English name.",
};

pub fn pinyin(lang: Lang) -> &'static PinyinStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
