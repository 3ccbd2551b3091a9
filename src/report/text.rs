//! Aligned plain-text tables that stay aligned with Chinese names (which
//! are two columns wide on a terminal).

use unicode_width::UnicodeWidthStr;

/// A table with a header row; numeric-looking cells are right-aligned.
#[derive(Debug, Default)]
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    gap: usize,
}

impl TextTable {
    /// A table under `header` (texts, or messages shown in words).
    pub fn new(header: &[impl ToString]) -> Self {
        TextTable {
            header: header.iter().map(ToString::to_string).collect(),
            rows: Vec::new(),
            gap: 2,
        }
    }

    /// Spaces between columns (2 by default).
    pub fn gap(mut self, gap: usize) -> Self {
        self.gap = gap;
        self
    }

    /// A row; a cell holding a control character from the data (a school
    /// named with ESC) shows it escaped, `\u{1b}` (papers.md "What a
    /// message may hold"), so that no table can drive the terminal.
    pub fn row(&mut self, cells: Vec<String>) {
        let shown = |cell: String| {
            if cell.chars().any(|c| c.is_control() || c == '\u{7f}') {
                cell.chars()
                    .map(|c| {
                        if c.is_control() || c == '\u{7f}' {
                            c.escape_unicode().to_string()
                        } else {
                            c.to_string()
                        }
                    })
                    .collect()
            } else {
                cell
            }
        };
        self.rows.push(cells.into_iter().map(shown).collect());
    }

    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths = vec![0; columns];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                let pad = " ".repeat(w - cell.width());
                if i > 0 {
                    line.push_str(&" ".repeat(self.gap));
                }
                if i > 0 && looks_numeric(cell) {
                    line.push_str(&pad);
                    line.push_str(cell);
                } else {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

fn looks_numeric(cell: &str) -> bool {
    // `*` marks a best value in front of a number.
    cell.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_cells_align() {
        let mut t = TextTable::new(&["district", "eligible"]);
        t.row(vec!["大丰区".into(), "12".into()]);
        t.row(vec!["abc".into(), "3".into()]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1].width(), lines[0].width());
        assert!(lines[2].ends_with("       3"), "{text}");
    }
}
