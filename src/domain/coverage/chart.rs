//! Layout of the dashboard's bar chart in CSS px: bars, a "nice" value axis (ticks at 1, 2
//! or 5 × 10ⁿ steps, so gridlines read 0, 50, 100, 150...) and which x labels to show so
//! that they never overlap on a phone. The UI only draws what this returns (SVG rects and
//! texts), so the geometry is tested here, natively.

/// Space around the plot, CSS px: room for tick labels on the left and month labels below.
pub const MARGIN_LEFT_PX: f64 = 48.0;
pub const MARGIN_RIGHT_PX: f64 = 8.0;
pub const MARGIN_TOP_PX: f64 = 10.0;
pub const MARGIN_BOTTOM_PX: f64 = 24.0;
/// Room one x label ("2021-03") needs, CSS px at the chart's 11 px font.
pub const LABEL_WIDTH_PX: f64 = 46.0;
/// The chart's font size, CSS px.
pub const LABEL_FONT_PX: f64 = 11.0;
/// Number of gridline steps above zero.
pub const TICK_STEPS: u64 = 4;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub x_px: f64,
    pub y_px: f64,
    pub w_px: f64,
    pub h_px: f64,
    pub value: u64,
    pub label: String,
    /// Whether this bar's x label is drawn (every k-th, so labels do not overlap).
    pub show_label: bool,
}

/// A gridline and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tick {
    pub y_px: f64,
    pub value: u64,
}

/// The whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub width_px: f64,
    pub height_px: f64,
    /// The plot's bottom edge (the zero line), CSS px.
    pub base_y_px: f64,
    pub bars: Vec<Bar>,
    pub ticks: Vec<Tick>,
}

/// The smallest 1, 2 or 5 × 10ⁿ at or above `v` (1 for 0).
pub fn nice_ceiling(v: u64) -> u64 {
    let mut power = 1u64;
    loop {
        for m in [1, 2, 5] {
            let candidate = power.saturating_mul(m);
            if candidate >= v || candidate == u64::MAX {
                return candidate;
            }
        }
        power = power.saturating_mul(10);
    }
}

/// Approximate drawn width of `text` at the chart's 11 px font: CJK and full-width
/// characters one em, others (Latin, digits, punctuation) about 0.6 em.
pub fn text_width_px(text: &str, font_px: f64) -> f64 {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 1.0 } else { 0.6 })
        .sum::<f64>()
        * font_px
}

/// Splits `text` into lines no wider than `max_px` (by [`text_width_px`]): between words
/// for Latin text, between any two characters of CJK text; a single word wider than a line
/// is cut. Nothing is dropped: the lines joined give back the text's words.
pub fn wrap_text(text: &str, max_px: f64, font_px: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // Tokens: a run of non-space, non-CJK characters, a single CJK character, or a space.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let cjk = (c as u32) >= 0x2E80;
        match tokens.last_mut() {
            Some(t)
                if !cjk
                    && c != ' '
                    && !t.ends_with(' ')
                    && !t.chars().any(|p| (p as u32) >= 0x2E80) =>
            {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    for tok in tokens {
        let candidate = format!("{line}{tok}");
        if line.is_empty() || text_width_px(candidate.trim_end(), font_px) <= max_px {
            if !(line.is_empty() && tok == " ") {
                line = candidate;
            }
            continue;
        }
        lines.push(line.trim_end().to_owned());
        line = if tok == " " { String::new() } else { tok };
    }
    // A word longer than a line: cut it by characters.
    let mut out = Vec::new();
    for l in lines
        .into_iter()
        .chain((!line.trim().is_empty()).then(|| line.trim_end().to_owned()))
    {
        let mut cur = String::new();
        for c in l.chars() {
            let next = format!("{cur}{c}");
            if !cur.is_empty() && text_width_px(&next, font_px) > max_px {
                out.push(std::mem::take(&mut cur));
                cur.push(c);
            } else {
                cur = next;
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// The key of the `i`-th range bar, drawn under it and repeated in the legend that
/// spells the range out: "A", "B", ... "Z", then "27", "28"...
pub fn range_key(i: usize) -> String {
    if i < 26 {
        char::from(b'A' + i as u8).to_string()
    } else {
        (i + 1).to_string()
    }
}

/// Lays out `items` (label, value) in a chart of the given size.
pub fn bar_chart(items: &[(String, u64)], width_px: f64, height_px: f64) -> BarChart {
    bar_chart_keyed(items, items.len(), width_px, height_px)
}

/// Like [`bar_chart`], but the bars from `keyed_from` on carry short keys (the range bars'
/// "A", "B"...) that are all drawn, whatever the width: month labels are thinned to every
/// k-th, and one that would run into the first key is left out, never a key.
pub fn bar_chart_keyed(
    items: &[(String, u64)],
    keyed_from: usize,
    width_px: f64,
    height_px: f64,
) -> BarChart {
    let plot_w = (width_px - MARGIN_LEFT_PX - MARGIN_RIGHT_PX).max(1.0);
    let plot_h = (height_px - MARGIN_TOP_PX - MARGIN_BOTTOM_PX).max(1.0);
    let base_y_px = MARGIN_TOP_PX + plot_h;
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0);
    let step = nice_ceiling(max.div_ceil(TICK_STEPS));
    let top = step.saturating_mul(TICK_STEPS) as f64;
    let ticks = (0..=TICK_STEPS)
        .map(|i| Tick {
            value: step * i,
            y_px: base_y_px - plot_h * (step * i) as f64 / top,
        })
        .collect();
    let slot = plot_w / items.len().max(1) as f64;
    let every = (LABEL_WIDTH_PX / slot).ceil().max(1.0) as usize;
    let centre = |i: usize| MARGIN_LEFT_PX + slot * (i as f64 + 0.5);
    // Where the first key's text starts: month labels (centred) must end 4 px before it.
    let first_key_left = items
        .get(keyed_from)
        .map(|(label, _)| centre(keyed_from) - text_width_px(label, LABEL_FONT_PX) / 2.0 - 4.0);
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let h_px = plot_h * *value as f64 / top;
            let show_label = if i >= keyed_from {
                true
            } else {
                let right = centre(i) + LABEL_WIDTH_PX / 2.0;
                i.is_multiple_of(every)
                    && first_key_left.is_none_or(|k| right <= k)
                    && right <= width_px
            };
            Bar {
                x_px: MARGIN_LEFT_PX + slot * i as f64 + slot * 0.1,
                y_px: base_y_px - h_px,
                w_px: slot * 0.8,
                h_px,
                value: *value,
                label: label.clone(),
                show_label,
            }
        })
        .collect();
    BarChart {
        width_px,
        height_px,
        base_y_px,
        bars,
        ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        let pairs = [
            (0, 1),
            (1, 1),
            (2, 2),
            (3, 5),
            (6, 10),
            (11, 20),
            (150, 200),
            (4001, 5000),
        ];
        for (v, nice) in pairs {
            assert_eq!(nice_ceiling(v), nice, "{v}");
        }
        assert!(nice_ceiling(u64::MAX) >= u64::MAX / 2, "no overflow");
    }

    #[test]
    fn bars_fill_the_plot_and_the_axis_is_nice() {
        let items: Vec<(String, u64)> = [("2021-02", 3), ("2021-03", 13), ("2021-04", 0)]
            .iter()
            .map(|(l, v)| (l.to_string(), *v))
            .collect();
        let c = bar_chart(&items, 348.0, 200.0);
        let values: Vec<u64> = c.ticks.iter().map(|t| t.value).collect();
        assert_eq!(values, [0, 5, 10, 15, 20]);
        assert_eq!(c.ticks[0].y_px, c.base_y_px);
        assert_eq!(c.ticks[4].y_px, MARGIN_TOP_PX);
        let tallest = &c.bars[1];
        let plot_h = 200.0 - MARGIN_TOP_PX - MARGIN_BOTTOM_PX;
        assert!((tallest.h_px - plot_h * 13.0 / 20.0).abs() < 1e-9);
        assert_eq!(tallest.y_px + tallest.h_px, c.base_y_px);
        assert_eq!(c.bars[2].h_px, 0.0);
        // 292 px for 3 bars: ~97 px each, every label fits.
        assert!(c.bars.iter().all(|b| b.show_label));
        assert!(c.bars[2].x_px + c.bars[2].w_px <= 348.0 - MARGIN_RIGHT_PX + 1e-9);
    }

    #[test]
    fn labels_thin_out_on_a_narrow_chart_and_empty_is_fine() {
        let items: Vec<(String, u64)> = (0..24).map(|i| (format!("m{i}"), i)).collect();
        let c = bar_chart(&items, 340.0, 180.0);
        // 284 px / 24 = 11.8 px per bar: one label in four.
        let shown: Vec<usize> = (0..24).filter(|&i| c.bars[i].show_label).collect();
        assert_eq!(shown, [0, 4, 8, 12, 16, 20]);
        let empty = bar_chart(&[], 300.0, 100.0);
        assert!(empty.bars.is_empty());
        assert_eq!(empty.ticks.last().map(|t| t.value), Some(4));
    }

    /// The bundled data's chart: 11 months (2021-02 … 2021-12) and four range bars. On a
    /// phone and on the desktop every range bar carries its key, no label overlaps
    /// another, and none runs past the chart's edges.
    #[test]
    fn every_range_bar_is_labelled_and_nothing_overlaps() {
        let mut items: Vec<(String, u64)> = (2..=12)
            .map(|m| (format!("2021-{m:02}"), m as u64 % 5))
            .collect();
        for i in 0..4 {
            items.push((
                format!("{}{}", range_key(i), if i % 2 == 0 { "*" } else { "" }),
                2,
            ));
        }
        for width in [350.0, 640.0, 260.0] {
            let c = bar_chart_keyed(&items, 11, width, 220.0);
            assert!(c.bars[11..].iter().all(|b| b.show_label), "width {width}");
            let spans: Vec<(f64, f64)> = c
                .bars
                .iter()
                .filter(|b| b.show_label)
                .map(|b| {
                    let w = if b.label.starts_with("2021") {
                        LABEL_WIDTH_PX
                    } else {
                        text_width_px(&b.label, LABEL_FONT_PX)
                    };
                    let mid = b.x_px + b.w_px / 2.0;
                    (mid - w / 2.0, mid + w / 2.0)
                })
                .collect();
            assert!(
                spans.len() >= 6,
                "some months labelled at {width}: {spans:?}"
            );
            for pair in spans.windows(2) {
                assert!(pair[0].1 <= pair[1].0, "overlap at {width}: {pair:?}");
            }
            assert!(spans[0].0 >= 0.0);
            assert!(
                spans[spans.len() - 1].1 <= width,
                "clipped at {width}: {spans:?}"
            );
        }
    }

    #[test]
    fn keys_and_wrapping() {
        assert_eq!(range_key(0), "A");
        assert_eq!(range_key(3), "D");
        assert_eq!(range_key(26), "27");
        let en = "Grey bars: records whose date is known only as a range, in no month (* recurring through it). 12 in the months + 11 in ranges = 23 records.";
        let lines = wrap_text(en, 300.0, 11.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width_px(l, 11.0) <= 300.0),
            "{lines:?}"
        );
        assert_eq!(lines.join(" "), en, "no word lost");
        let zh = "灰色柱:日期只知在某一时段内的记录,不计入任何月份(* 为整段时间内反复进行的)。各月 12 条 + 时段 11 条 = 共 23 条。";
        let lines = wrap_text(zh, 200.0, 11.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width_px(l, 11.0) <= 200.0),
            "{lines:?}"
        );
        assert_eq!(lines.concat().replace(' ', ""), zh.replace(' ', ""));
        assert_eq!(wrap_text("short", 300.0, 11.0), ["short"]);
        assert!(wrap_text("", 300.0, 11.0).is_empty());
        let long = wrap_text("abcdefghijklmnopqrstuvwxyz", 50.0, 10.0);
        assert_eq!(long.concat(), "abcdefghijklmnopqrstuvwxyz");
        assert!(long.iter().all(|l| text_width_px(l, 10.0) <= 50.0));
    }
}
