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
/// The height of one line of a wrapped label (12px text).
const LINE_HEIGHT: f64 = 14.0;
const TOP: f64 = 28.0;
/// A label's font size in the bar charts, and the width a display column
/// (half a Chinese character) takes at it, a little more than it does, so
/// that a wrapped line never runs past its room.
const LABEL_FONT: f64 = 12.0;
const COLUMN_EM: f64 = 0.56;

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

/// The display columns a character takes (a Chinese one two).
fn columns(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// `text` in lines of at most `most` display columns, for a label that
/// wraps rather than being cut: broken after a space, or before or after
/// a wide (Chinese) character, but never before closing punctuation; a
/// run without such a place is broken where it must be. Every character
/// but the spaces at a break is kept, in order.
pub fn wrap(text: &str, most: usize) -> Vec<String> {
    let most = most.max(2);
    let closing = |c: char| "）)》」』、，。：；！？】".contains(c);
    let mut lines = Vec::new();
    let mut line: Vec<char> = Vec::new();
    let mut width = 0;
    // Where in `line` a new line may start.
    let mut breaks: Vec<usize> = Vec::new();
    for c in text.chars() {
        let w = columns(c);
        if width + w > most && !line.is_empty() {
            let at = breaks
                .iter()
                .rev()
                .copied()
                .find(|&b| b > 0 && b < line.len() + 1)
                .unwrap_or(line.len());
            let rest = line.split_off(at.min(line.len()));
            lines.push(line.iter().collect::<String>().trim_end().to_string());
            line = rest;
            while line.first() == Some(&' ') {
                line.remove(0);
            }
            width = line.iter().map(|&c| columns(c)).sum();
            breaks.clear();
            // The places left in the rest: between its wide characters.
            for i in 1..line.len() {
                if (columns(line[i]) == 2 && !closing(line[i])) || columns(line[i - 1]) == 2 {
                    breaks.push(i);
                }
            }
        }
        if w == 2 && !closing(c) && !line.is_empty() {
            breaks.push(line.len());
        }
        line.push(c);
        width += w;
        if c == ' ' || w == 2 {
            breaks.push(line.len());
        }
    }
    let last: String = line.into_iter().collect();
    if !last.trim().is_empty() || lines.is_empty() {
        lines.push(last);
    }
    lines
}

/// The lines of `text` as `<tspan>`s of a `<text>` at `x`, the first at
/// baseline `y`, the next `step` below each other.
fn tspans(lines: &[String], x: f64, y: f64, step: f64) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<tspan x="{x:.1}" y="{:.1}">{}</tspan>"#,
            y + step * i as f64,
            escape(line)
        );
    }
    out
}

/// A horizontal bar chart: one row per bar, bar lengths proportional to
/// `value / max` (clamped to the plot), and an optional dashed marker
/// line at a value (such as the 10% rule) with its label. A label too
/// long for its room wraps onto more lines (its row grows), never cut.
pub fn bar_chart(title: &str, bars: &[Bar], max: f64, marker: Option<(f64, &str)>) -> String {
    let most = ((LABEL_WIDTH - 8.0) / (LABEL_FONT * COLUMN_EM)) as usize;
    let labels: Vec<Vec<String>> = bars.iter().map(|b| wrap(&b.label, most)).collect();
    let row = |lines: &Vec<String>| ROW_HEIGHT.max(LINE_HEIGHT * lines.len() as f64 + 4.0);
    let bottom = TOP + labels.iter().map(row).sum::<f64>();
    let height = bottom + 24.0;
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
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    let _ = write!(
        svg,
        r#"<text x="0" y="16" class="chart-title">{}</text>"#,
        escape(title)
    );
    let mut y = TOP;
    for (bar, lines) in bars.iter().zip(&labels) {
        let h = row(lines);
        let w = scale(bar.value);
        // The bar and its value at the middle of the row.
        let mid = y + h / 2.0;
        let first = mid - LINE_HEIGHT * (lines.len() as f64 - 1.0) / 2.0 + 4.0;
        let _ = write!(
            svg,
            // catalogue: not a message (SVG markup)
            r#"<text text-anchor="end" class="label">{label}</text><rect x="{LABEL_WIDTH}" y="{ry:.1}" width="{w:.1}" height="{bh}" class="bar"/><text x="{vx:.1}" y="{ty:.1}" class="value">{text}</text>"#,
            label = tspans(lines, LABEL_WIDTH - 6.0, first, LINE_HEIGHT),
            ry = mid - (ROW_HEIGHT - 5.0) / 2.0,
            bh = ROW_HEIGHT - 5.0,
            vx = LABEL_WIDTH + w + 4.0,
            ty = mid + 4.0,
            text = escape(&bar.text),
        );
        y += h;
    }
    if let Some((value, label)) = marker {
        let x = LABEL_WIDTH + scale(value);
        let _ = write!(
            svg,
            r#"<line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{bottom:.1}" class="marker"/><text x="{x:.1}" y="{ty:.1}" text-anchor="middle" class="marker-label">{}</text>"#,
            escape(label),
            ty = bottom + 16.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// What a school on the map does in the flows drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Sending,
    Receiving,
    Both,
}

impl Role {
    fn class(self) -> &'static str {
        match self {
            Role::Sending => "sending",
            Role::Receiving => "receiving",
            Role::Both => "both",
        }
    }
}

/// A school on the map: its label, (latitude, longitude) and role.
#[derive(Debug, Clone)]
pub struct Place {
    pub label: String,
    pub at: (f64, f64),
    pub role: Role,
}

/// A flow between two places (indices into the places): its teachers and
/// the words of its tooltip.
#[derive(Debug, Clone)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub teachers: u64,
    pub title: String,
}

/// The words of a map's legend.
#[derive(Debug, Clone)]
pub struct Legend {
    pub sending: String,
    pub receiving: String,
    pub both: String,
    /// "1 teacher", and the most teachers of one flow in words.
    pub one: String,
    pub most: String,
}

const MAP_WIDTH: f64 = 860.0;
/// Each side's column of names, and the room between it and the map.
const NAME_COLUMN: f64 = 190.0;
const NAME_GAP: f64 = 26.0;
const MAP_HEIGHT: f64 = 460.0;
const MAP_TOP: f64 = 40.0;
const NAME_FONT: f64 = 11.0;
const NAME_LINE: f64 = 12.5;

/// The width of a flow's line: 1 for one teacher, growing with the
/// teachers (8 for the most, or for 7 when no flow has more), so that a
/// wider line always carries more teachers.
pub fn line_width(teachers: u64, most: u64) -> f64 {
    let span = most.max(7) - 1;
    1.0 + 7.0 * teachers.saturating_sub(1) as f64 / span as f64
}

/// A map of flows with no tiles: the places by latitude and longitude
/// (an equirectangular projection at their middle latitude, north up),
/// sending schools as squares and receiving ones as circles, one line per
/// link as wide as its teachers (`line_width`). Every place is named: the
/// names stand in a column on each side (the western half of the places
/// on the left), in the order of the places from north to south, each
/// joined to its place by a thin leader, so that no two names overlap
/// however close the schools stand; a long name wraps.
pub fn flow_map(title: &str, places: &[Place], links: &[Link], legend: &Legend) -> String {
    let map_x = NAME_COLUMN + NAME_GAP;
    let map_w = MAP_WIDTH - 2.0 * map_x;
    // The projection.
    let lat = |p: &Place| p.at.0;
    let lon = |p: &Place| p.at.1;
    let bound = |f: &dyn Fn(&Place) -> f64| {
        places
            .iter()
            .map(f)
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    let (lat_lo, lat_hi) = bound(&lat);
    let (lon_lo, lon_hi) = bound(&lon);
    let k = ((lat_lo + lat_hi) / 2.0).to_radians().cos().max(0.01);
    let span_x = (lon_hi - lon_lo) * k;
    let span_y = lat_hi - lat_lo;
    let inner = 10.0;
    // The names, wrapped, and the height each side needs.
    let most = ((NAME_COLUMN - 8.0) / (NAME_FONT * COLUMN_EM)) as usize;
    let names: Vec<Vec<String>> = places.iter().map(|p| wrap(&p.label, most)).collect();
    let tall = |i: usize| NAME_LINE * names[i].len() as f64 + 2.0;
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by(|&a, &b| lon(&places[a]).total_cmp(&lon(&places[b])).then(a.cmp(&b)));
    let right = order.split_off(order.len().div_ceil(2));
    let left = order;
    let need = |side: &[usize]| side.iter().map(|&i| tall(i)).sum::<f64>();
    // The map as tall as the names need, when they need more than it.
    let body = MAP_HEIGHT.max(need(&left)).max(need(&right));
    let scale = match (span_x > 0.0, span_y > 0.0) {
        (false, false) => 0.0,
        _ => ((map_w - 2.0 * inner) / span_x.max(1e-12))
            .min((body - 2.0 * inner) / span_y.max(1e-12)),
    };
    let map_h = (span_y * scale + 2.0 * inner).max(60.0);
    let map_y = MAP_TOP + (body - map_h) / 2.0;
    let point = |p: &Place| {
        let x = map_x + map_w / 2.0 + ((lon(p) - (lon_lo + lon_hi) / 2.0) * k) * scale;
        let y = map_y + map_h / 2.0 - (lat(p) - (lat_lo + lat_hi) / 2.0) * scale;
        (x, y)
    };
    let points: Vec<(f64, f64)> = places.iter().map(point).collect();
    let height = MAP_TOP + body + 12.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        // catalogue: not a message (SVG markup, a raw string the check cannot read)
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{MAP_WIDTH}" height="{height:.1}" viewBox="0 0 {MAP_WIDTH} {height:.1}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    let _ = write!(
        svg,
        r#"<rect x="{map_x:.1}" y="{map_y:.1}" width="{map_w:.1}" height="{map_h:.1}" class="land"/>"#
    );
    // The legend, across the top.
    let most_teachers = links.iter().map(|l| l.teachers).max().unwrap_or(1);
    let mut x = 4.0;
    let mut marks: Vec<(String, &str, f64)> = vec![
        (marker(Role::Sending, 5.0, 14.0), &legend.sending, 10.0),
        (marker(Role::Receiving, 5.0, 14.0), &legend.receiving, 10.0),
    ];
    if places.iter().any(|p| p.role == Role::Both) {
        marks.push((marker(Role::Both, 5.0, 14.0), &legend.both, 10.0));
    }
    let sample = |teachers: u64| {
        format!(
            r#"<line x1="0" y1="14" x2="26" y2="14" class="sample" stroke-width="{:.1}"/>"#,
            line_width(teachers, most_teachers)
        )
    };
    marks.push((sample(1), &legend.one, 26.0));
    if most_teachers > 1 {
        marks.push((sample(most_teachers), &legend.most, 26.0));
    }
    for (mark, words, width) in marks {
        let _ = write!(
            svg,
            r#"<g transform="translate({x:.1} 0)">{mark}</g><text x="{:.1}" y="18" class="legend">{}</text>"#,
            x + width + 5.0,
            escape(words)
        );
        let len: usize = words.chars().map(columns).sum();
        x += width + 16.0 + len as f64 * NAME_FONT * COLUMN_EM;
    }
    // The names and their leaders.
    let mut labels = String::new();
    for (side, column) in [(&left, true), (&right, false)] {
        let mut side: Vec<usize> = side.to_vec();
        side.sort_by(|&a, &b| points[a].1.total_cmp(&points[b].1).then(a.cmp(&b)));
        let mut tops: Vec<f64> = Vec::with_capacity(side.len());
        let mut next = MAP_TOP;
        for &i in &side {
            let top = (points[i].1 - tall(i) / 2.0).max(next);
            tops.push(top);
            next = top + tall(i);
        }
        let mut limit = MAP_TOP + body;
        for (j, &i) in side.iter().enumerate().rev() {
            tops[j] = tops[j].min(limit - tall(i));
            limit = tops[j];
        }
        for (j, &i) in side.iter().enumerate() {
            let mid = tops[j] + tall(i) / 2.0;
            let (edge, text_x, anchor) = if column {
                (NAME_COLUMN, NAME_COLUMN - 3.0, "end")
            } else {
                (
                    MAP_WIDTH - NAME_COLUMN,
                    MAP_WIDTH - NAME_COLUMN + 3.0,
                    "start",
                )
            };
            let first = mid - NAME_LINE * (names[i].len() as f64 - 1.0) / 2.0 + 4.0;
            let _ = write!(
                svg,
                r#"<line x1="{edge:.1}" y1="{mid:.1}" x2="{:.1}" y2="{:.1}" class="leader"/>"#,
                points[i].0, points[i].1
            );
            let _ = write!(
                labels,
                // catalogue: not a message (SVG markup)
                r#"<text text-anchor="{anchor}" class="name {}">{}</text>"#,
                places[i].role.class(),
                tspans(&names[i], text_x, first, NAME_LINE)
            );
        }
    }
    // The flows, the widest first so that the thin ones stay in sight.
    let mut drawn: Vec<&Link> = links.iter().collect();
    drawn.sort_by(|a, b| {
        b.teachers
            .cmp(&a.teachers)
            .then((a.from, a.to).cmp(&(b.from, b.to)))
    });
    for l in drawn {
        let (a, b) = (points[l.from], points[l.to]);
        let _ = write!(
            svg,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" class="flow" stroke-width="{:.1}"><title>{}</title></line>"#,
            a.0,
            a.1,
            b.0,
            b.1,
            line_width(l.teachers, most_teachers),
            escape(&l.title)
        );
    }
    for (p, &(x, y)) in places.iter().zip(&points) {
        svg.push_str(&marker(p.role, x, y));
    }
    svg.push_str(&labels);
    svg.push_str("</svg>");
    svg
}

/// A school's mark at (x, y): a square for a sending school, a circle for
/// a receiving one, a diamond for one that does both.
fn marker(role: Role, x: f64, y: f64) -> String {
    match role {
        Role::Sending => format!(
            r#"<rect x="{:.1}" y="{:.1}" width="8" height="8" class="sending"/>"#,
            x - 4.0,
            y - 4.0
        ),
        // catalogue: not a message (SVG markup)
        Role::Receiving => format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" class="receiving"/>"#),
        Role::Both => format!(
            r#"<path d="M{x:.1} {:.1}l5 5-5 5-5-5z" class="both"/>"#,
            y - 5.0
        ),
    }
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

    #[test]
    fn a_long_label_wraps_and_keeps_every_character() {
        let name = "大丰区梅湖镇第一中心小学附属幼儿园分园（东校区）实验部";
        let lines = wrap(name, 20);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), name);
        for l in &lines {
            assert!(l.chars().map(columns).sum::<usize>() <= 20, "{l}");
            assert!(!l.starts_with('）'), "{lines:?}");
        }
        // Latin words break at spaces; a run with no place to break breaks
        // where it must, nothing lost.
        assert_eq!(
            wrap("Central Primary School", 10),
            ["Central", "Primary", "School"]
        );
        assert_eq!(wrap("ABCDEFGHIJKL", 5).concat(), "ABCDEFGHIJKL");
        assert_eq!(wrap("", 5), [""]);
        // In a chart, the label's lines are all there and the row grows.
        let svg = bar_chart("t", &[bar(name, 1.0), bar("短", 1.0)], 1.0, None);
        let shown: String = svg
            .split("<tspan ")
            .skip(1)
            .map(|t| &t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()])
            .collect();
        assert_eq!(shown, format!("{name}短"));
        let plain = bar_chart("t", &[bar("短", 1.0), bar("短", 1.0)], 1.0, None);
        let height = |svg: &str| {
            let h = svg.split("height=\"").nth(1).unwrap();
            h[..h.find('"').unwrap()].parse::<f64>().unwrap()
        };
        assert!(height(&svg) > height(&plain));
    }

    #[test]
    fn a_flow_map_has_a_line_per_link_as_wide_as_its_teachers() {
        let place = |label: &str, at: (f64, f64), role: Role| Place {
            label: label.to_string(),
            at,
            role,
        };
        let places = [
            place("城区一小", (33.0, 120.0), Role::Sending),
            place("草堰小学", (33.2, 120.3), Role::Receiving),
            place("白驹小学", (32.8, 119.8), Role::Receiving),
        ];
        let link = |to: usize, teachers: u64| Link {
            from: 0,
            to,
            teachers,
            title: format!("{to}:{teachers}"),
        };
        let legend = Legend {
            sending: "派出学校".into(),
            receiving: "接收学校".into(),
            both: "既派出又接收".into(),
            one: "1人".into(),
            most: "5人".into(),
        };
        let svg = flow_map("图", &places, &[link(1, 5), link(2, 1)], &legend);
        assert_eq!(svg.matches("class=\"flow\"").count(), 2);
        assert_eq!(
            svg.matches("<rect x=").count() - 1,
            2,
            "the land, one sending and its legend"
        );
        assert_eq!(
            svg.matches("<circle ").count(),
            3,
            "two schools and the legend"
        );
        for name in ["城区一小", "草堰小学", "白驹小学"] {
            assert!(svg.contains(&format!(">{name}</tspan>")), "{name}");
        }
        assert!(line_width(5, 5) > line_width(1, 5));
        assert_eq!(line_width(1, 1), 1.0);
        // North is up: 草堰 (north) above 白驹.
        let cy = |n: usize| {
            let c = svg.split("<circle ").nth(n).unwrap();
            let y = c.split("cy=\"").nth(1).unwrap();
            y[..y.find('"').unwrap()].parse::<f64>().unwrap()
        };
        assert!(cy(2) < cy(3), "{svg}");
        assert!(!svg.contains("href"));
    }
}
