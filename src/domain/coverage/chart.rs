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

/// Lays out `items` (label, value) in a chart of the given size.
pub fn bar_chart(items: &[(String, u64)], width_px: f64, height_px: f64) -> BarChart {
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
    let bars = items
        .iter()
        .enumerate()
        .map(|(i, (label, value))| {
            let h_px = plot_h * *value as f64 / top;
            Bar {
                x_px: MARGIN_LEFT_PX + slot * i as f64 + slot * 0.1,
                y_px: base_y_px - h_px,
                w_px: slot * 0.8,
                h_px,
                value: *value,
                label: label.clone(),
                show_label: i.is_multiple_of(every),
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
}
