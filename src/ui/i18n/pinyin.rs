//! Strings of the search box about what it loads after the first frame, its code and its
//! pinyin table (src/ui/discover/search_index.rs): shown under the results while missing.

use super::Lang;

pub struct PinyinStrings {
    /// Search's code is still downloading (a moment after the first frame).
    pub search_loading: &'static str,
    /// Search's code could not be downloaded.
    pub search_unavailable: &'static str,
    /// The table is still downloading (a moment after the first frame).
    pub loading: &'static str,
    /// The table could not be downloaded: Chinese and English names still work.
    pub unavailable: &'static str,
}

pub static ZH: PinyinStrings = PinyinStrings {
    search_loading: "搜索正在加载…",
    search_unavailable: "搜索暂不可用（部分程序未能下载），请检查网络后再点搜索框重试。",
    loading: "拼音搜索正在加载…",
    unavailable: "拼音搜索暂不可用（拼音数据未能下载），请输入汉字或英文名称。",
};

pub static EN: PinyinStrings = PinyinStrings {
    search_loading: "Search is loading…",
    search_unavailable: "Search is unavailable (part of the app could not be downloaded): check the connection, then click the search box to try again.",
    loading: "Pinyin search is loading…",
    unavailable: "Pinyin search is unavailable (its data could not be downloaded): type Chinese characters or the English name.",
};

pub fn pinyin(lang: Lang) -> &'static PinyinStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
