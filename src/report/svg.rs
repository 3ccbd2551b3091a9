//! Small inline SVG charts for the HTML report: horizontal bar charts,
//! drawn as plain SVG elements (no script, no fonts or images to fetch),
//! so that the report opens offline in any browser.

use std::fmt::Write;

/// One bar: its label, its value and the text shown after it.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

const LABEL_WIDTH: f64 = 220.0;
const PLOT_WIDTH: f64 = 420.0;
const ROW_HEIGHT: f64 = 18.0;
const TOP: f64 = 28.0;

/// Escapes text for XML and HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart: one row per bar, bar lengths proportional to
/// `value / max` (clamped to the plot), and an optional dashed marker
/// line at a value (such as the 10% rule) with its label.
pub fn bar_chart(title: &str, bars: &[Bar], max: f64, marker: Option<(f64, &str)>) -> String {
    let height = TOP + ROW_HEIGHT * bars.len() as f64 + 24.0;
    let width = LABEL_WIDTH + PLOT_WIDTH + 120.0;
    let scale = |v: f64| {
        if max > 0.0 {
            (v / max).clamp(0.0, 1.0) * PLOT_WIDTH
        } else {
            0.0
        }
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        // catalogue: not a message (SVG markup, a raw string the check cannot read)
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    let _ = write!(
        svg,
        r#"<text x="0" y="16" class="chart-title">{}</text>"#,
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        let y = TOP + ROW_HEIGHT * i as f64;
        let w = scale(bar.value);
        let _ = write!(
            svg,
            r#"<text x="{lx}" y="{ty}" text-anchor="end" class="label">{label}</text><rect x="{LABEL_WIDTH}" y="{ry}" width="{w:.1}" height="{bh}" class="bar"/><text x="{vx:.1}" y="{ty}" class="value">{text}</text>"#,
            lx = LABEL_WIDTH - 6.0,
            ty = y + 13.0,
            label = escape(&bar.label),
            ry = y + 3.0,
            bh = ROW_HEIGHT - 5.0,
            vx = LABEL_WIDTH + w + 4.0,
            text = escape(&bar.text),
        );
    }
    if let Some((value, label)) = marker {
        let x = LABEL_WIDTH + scale(value);
        let bottom = TOP + ROW_HEIGHT * bars.len() as f64;
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{bottom}" class="marker"/><text x="{x:.1}" y="{ty}" text-anchor="middle" class="marker-label">{}</text>"#,
            escape(label),
            ty = bottom + 16.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.to_string(),
            value,
            text: format!("{value}"),
        }
    }

    /// The `width` of each `<rect>`, in order.
    fn widths(svg: &str) -> Vec<f64> {
        svg.split("<rect ")
            .skip(1)
            .map(|r| {
                let w = r.split("width=\"").nth(1).unwrap();
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_and_clamped() {
        let svg = bar_chart(
            "t",
            &[bar("a", 5.0), bar("b", 10.0), bar("c", 20.0)],
            10.0,
            None,
        );
        assert_eq!(widths(&svg), [PLOT_WIDTH / 2.0, PLOT_WIDTH, PLOT_WIDTH]);
        let svg = bar_chart("t", &[bar("a", 1.0)], 0.0, None);
        assert_eq!(widths(&svg), [0.0]);
    }

    #[test]
    fn text_is_escaped_and_nothing_is_fetched() {
        let svg = bar_chart(
            "<b>&",
            &[bar("实验小学 <script>", 1.0)],
            1.0,
            Some((0.5, "10%")),
        );
        assert!(svg.contains("&lt;b&gt;&amp;"));
        assert!(svg.contains("实验小学 &lt;script&gt;"));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("href"));
        // The marker sits at half the plot.
        let x = LABEL_WIDTH + PLOT_WIDTH / 2.0;
        assert!(svg.contains(&format!("x1=\"{x:.1}\"")), "{svg}");
    }

    #[test]
    fn escape_all_five() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
