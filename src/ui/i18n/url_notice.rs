//! Strings of the notice shown when parts of the page's link could not be used.

use super::Lang;

pub struct UrlNoticeStrings {
    /// Before the first problem: "N part(s) of this link were ignored".
    pub ignored: fn(usize) -> String,
    pub see_all: &'static str,
    pub dismiss: &'static str,
}

pub static ZH: UrlNoticeStrings = UrlNoticeStrings {
    ignored: |n| format!("链接中有 {n} 处无法使用，已忽略并显示默认内容"),
    see_all: "详见下方“数据问题”。",
    dismiss: "关闭链接提示",
};

pub static EN: UrlNoticeStrings = UrlNoticeStrings {
    ignored: |n| match n {
        1 => "1 part of this link could not be used; it was ignored and the default shown"
            .to_string(),
        _ => format!(
            "{n} parts of this link could not be used; they were ignored and the defaults shown"
        ),
    },
    see_all: "See \"Data problems\" below.",
    dismiss: "Dismiss the link notice",
};

pub fn url_notice(lang: Lang) -> &'static UrlNoticeStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
