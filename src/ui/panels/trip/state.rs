//! The planner's state (one Copy struct of signals, a field of `AppState`) and its life:
//! read the saved trip at start, save every change, take a shared trip from `?trip=` without
//! ever overwriting the user's own trip silently, open the handout on `?handout=1`.

use super::browser::{storage_get, storage_set, STORAGE_KEY, UNREADABLE_KEY};
use crate::domain::trip::{decode, encode, Trip};
use crate::ui::{state::AppState, url};
use leptos::prelude::*;

/// A short message for the planner, with an optional trip to go back to.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub text: String,
    /// What "Undo" restores.
    pub undo: Option<Trip>,
}

#[derive(Clone, Copy)]
pub struct TripState {
    pub trip: RwSignal<Trip>,
    pub show_on_map: RwSignal<bool>,
    /// A site (index into the data's sites) ringed on the map: the stop being stepped through.
    pub focus: RwSignal<Option<usize>>,
    /// A shared trip waiting for the user's decision (the dialog is open while `Some`).
    pub incoming: RwSignal<Option<Trip>>,
    pub notice: RwSignal<Option<Notice>>,
    pub handout: RwSignal<bool>,
}

impl Default for TripState {
    fn default() -> Self {
        Self::new()
    }
}

impl TripState {
    pub fn new() -> Self {
        TripState {
            trip: RwSignal::new(Trip::default()),
            show_on_map: RwSignal::new(true),
            focus: RwSignal::new(None),
            incoming: RwSignal::new(None),
            notice: RwSignal::new(None),
            handout: RwSignal::new(false),
        }
    }

    pub fn say(&self, text: impl Into<String>, undo: Option<Trip>) {
        self.notice.set(Some(Notice {
            text: text.into(),
            undo,
        }));
    }

    /// Changes the trip, offering to undo the change.
    pub fn change_with_undo(&self, text: impl Into<String>, change: impl FnOnce(&mut Trip)) {
        let before = self.trip.get_untracked();
        self.trip.update(change);
        self.say(text, Some(before));
    }
}

/// Starts the planner: loads the saved trip, reads `?trip=` and `?handout=`, and keeps the
/// saved copy in step. Call once, from the app shell.
pub fn start(state: AppState) {
    let ts = state.trip;
    let english = state.lang.get_untracked() == crate::ui::i18n::Lang::En;
    if let Some(code) = storage_get(STORAGE_KEY) {
        match decode(&code) {
            Ok(trip) => ts.trip.set(trip),
            Err(e) => {
                storage_set(UNREADABLE_KEY, &code);
                ts.say(saved_unreadable(english, &e.to_string()), None);
            }
        }
    }
    let pairs = url::query_pairs();
    if let Some((_, code)) = pairs.iter().find(|(k, _)| k == "trip") {
        take_shared(ts, code, english);
    }
    if pairs.iter().any(|(k, v)| k == "handout" && v == "1") {
        ts.handout.set(true);
    }
    Effect::new(move || {
        let code = encode(&ts.trip.get());
        storage_set(STORAGE_KEY, &code);
    });
    // Another tab changed the saved trip: follow it, so the two tabs do not overwrite each
    // other's edits with stale copies.
    // Dropping the handle keeps the listener (it is removed only by `remove`): page-long.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(STORAGE_KEY) {
            return;
        }
        if let Some(Ok(trip)) = ev.new_value().map(|code| decode(&code)) {
            if ts.trip.get_untracked() != trip {
                ts.trip.set(trip);
            }
        }
    });
}

/// A shared trip is taken at once when the user's own trip is empty or the same; otherwise
/// the dialog asks. A link that cannot be read leaves the user's trip alone and says why.
fn take_shared(ts: TripState, code: &str, english: bool) {
    match decode(code) {
        Ok(shared) => {
            let own = ts.trip.get_untracked();
            if own.is_empty() || own == shared {
                ts.trip.set(shared);
                url::set_params(&[("trip", None)]);
            } else {
                ts.incoming.set(Some(shared));
            }
        }
        Err(e) => {
            ts.say(link_unreadable(english, &e.to_string()), None);
            url::set_params(&[("trip", None)]);
        }
    }
}

fn saved_unreadable(english: bool, why: &str) -> String {
    if english {
        format!("Your saved trip could not be read ({why}); it was kept aside in local storage as {UNREADABLE_KEY}.")
    } else {
        format!("无法读取已保存的行程（{why}），原内容已另存为 {UNREADABLE_KEY}。")
    }
}

fn link_unreadable(english: bool, why: &str) -> String {
    if english {
        format!("The shared trip link could not be read: {why}. Your own trip is unchanged.")
    } else {
        format!("无法读取分享的行程链接：{why}。你的行程未改变。")
    }
}
