//! Strings shown while a part of the app is downloaded on demand (`ui::lazy`).

use super::Lang;

pub struct ChunkStrings {
    pub loading: &'static str,
    pub failed: &'static str,
    pub retry: &'static str,
}

pub static ZH: ChunkStrings = ChunkStrings {
    loading: "正在加载…",
    failed: "这部分功能未能下载。请检查网络连接后重试。",
    retry: "重试",
};

pub static EN: ChunkStrings = ChunkStrings {
    loading: "Loading…",
    failed: "This part of the app could not be downloaded. Check the connection and try again.",
    retry: "Try again",
};

pub fn chunk(lang: Lang) -> &'static ChunkStrings {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}
