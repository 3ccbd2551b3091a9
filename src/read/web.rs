//! Files named `.xls` that are not Excel 97-2003 workbooks (rosters.md
//! "More shapes from the field", "Web exports named .xls"): what many web
//! systems download as "Excel" is an HTML table, SpreadsheetML 2003 XML or
//! delimited text, and some are .xlsx files with the old name. Each is read
//! as what it is (`Content`), its rows numbered as the table's rows.
//!
//! HTML is tokenized with `html5gum` (a WHATWG tokenizer: unclosed tags and
//! entities as browsers read them); every `<tr>` of the document is a row,
//! every `<td>`/`<th>` a cell, `colspan` moves the next cell right and
//! `rowspan` gives the value to the rows below, as a merge down does in a
//! workbook. SpreadsheetML is read with `quick-xml` (calamine's own):
//! `Worksheet ss:Name`, `Row ss:Index`, `Cell ss:Index`/`ss:MergeDown`,
//! `Data ss:Type`, and a sheet's `<Visible>` option.

use super::sheet::{SheetCell, column_letters};
use crate::domain::info::Content;
use crate::messages::Message;
use crate::msg;
use calamine::Data;

/// What the bytes of a file named `.xls` really are, by their first bytes
/// and markers: the compound-file signature is a real .xls; `PK` a zip
/// (.xlsx); text holding the SpreadsheetML namespace, or a `<table`, is
/// XML or HTML; other text is delimited text. Bytes that are not text at
/// all stay `Biff`, for calamine to say what is wrong with them.
pub(crate) fn content(bytes: &[u8]) -> Option<Content> {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE) {
        return None;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Content::Xlsx);
    }
    // The markers, in the first 64 KiB as text (UTF-16 with its mark, else
    // UTF-8 or GB18030: the ASCII markers read the same in both).
    let head = &bytes[..bytes.len().min(64 << 10)];
    let text: String = if let Some(rest) = head.strip_prefix(b"\xFF\xFE") {
        encoding_rs::UTF_16LE
            .decode_without_bom_handling(rest)
            .0
            .into()
    } else if let Some(rest) = head.strip_prefix(b"\xFE\xFF") {
        encoding_rs::UTF_16BE
            .decode_without_bom_handling(rest)
            .0
            .into()
    } else if head.contains(&0) {
        return None;
    } else {
        String::from_utf8_lossy(head).into()
    };
    let lower = text.to_ascii_lowercase();
    if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") && lower.contains("<workbook")
    {
        Some(Content::SpreadsheetMl)
    } else if lower.contains("<table") {
        Some(Content::Html)
    } else if text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count()
        * 100
        > text.chars().count().max(1)
    {
        None // binary: a damaged workbook, not text
    } else {
        Some(Content::Text)
    }
}

/// The most rows a `rowspan` or `ss:MergeDown` may cover (HTML's own
/// limit for rowspan), and the most columns a `colspan` or `ss:Index` may
/// skip.
const MOST_SPAN_ROWS: u32 = 65_534;
const MOST_SPAN_COLUMNS: u32 = 1_000;

/// The cells of an HTML table's rows, and the ranges a `rowspan` gave to
/// the rows below (`B2:B8`). Row 0 is the document's first `<tr>`.
pub(crate) fn html_cells(text: &str) -> Result<(Vec<SheetCell>, Vec<String>), Message> {
    use html5gum::{Token, Tokenizer};
    struct Open {
        row: u32,
        column: u32,
        rows: u32,
        text: String,
    }
    let mut cells: Vec<SheetCell> = Vec::new();
    let mut merged = Vec::new();
    // Columns taken by a rowspan from above: column -> last row covered.
    let mut taken: std::collections::BTreeMap<u32, u32> = Default::default();
    let mut row: Option<u32> = None;
    let mut column = 0u32;
    let mut open: Option<Open> = None;
    let mut filled = 0usize;
    let mut close = |open: &mut Option<Open>,
                     cells: &mut Vec<SheetCell>,
                     taken: &mut std::collections::BTreeMap<u32, u32>|
     -> Result<(), Message> {
        let Some(cell) = open.take() else {
            return Ok(());
        };
        let value = cell.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            return Ok(());
        }
        let last = cell.row.saturating_add(cell.rows - 1);
        for r in cell.row..=last {
            cells.push((r, cell.column, Data::String(value.clone()), None));
        }
        if cell.rows > 1 {
            taken.insert(cell.column, last);
            let letters = column_letters(cell.column);
            merged.push(format!("{letters}{}:{letters}{}", cell.row + 1, last + 1));
            filled += cell.rows as usize;
            if filled > super::sheet::MOST_MERGED_CELLS {
                return Err(msg!(
                    "read-merged-too-many",
                    most = super::sheet::MOST_MERGED_CELLS
                ));
            }
        }
        Ok(())
    };
    for token in Tokenizer::new(text).flatten() {
        match token {
            Token::StartTag(tag) => match tag.name.as_slice() {
                b"tr" => {
                    close(&mut open, &mut cells, &mut taken)?;
                    let next = row.map_or(0, |r| r + 1);
                    if next >= super::sheet::MOST_ROWS {
                        return Err(msg!("read-table-too-long", rows = super::sheet::MOST_ROWS));
                    }
                    row = Some(next);
                    column = 0;
                    taken.retain(|_, last| *last >= next);
                }
                b"td" | b"th" => {
                    close(&mut open, &mut cells, &mut taken)?;
                    let Some(r) = row else { continue };
                    let span = |name: &[u8], most: u32| -> u32 {
                        tag.attributes
                            .iter()
                            .find(|(k, _)| k.as_slice() == name)
                            .and_then(|(_, v)| std::str::from_utf8(v.as_slice()).ok())
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .map_or(1, |n| n.clamp(1, most))
                    };
                    while taken.get(&column).is_some_and(|&last| last >= r) {
                        column += 1;
                    }
                    open = Some(Open {
                        row: r,
                        column,
                        rows: span(b"rowspan", MOST_SPAN_ROWS),
                        text: String::new(),
                    });
                    column = column.saturating_add(span(b"colspan", MOST_SPAN_COLUMNS));
                    if column > super::sheet::MOST_COLUMNS {
                        return Err(msg!(
                            "read-table-too-wide",
                            columns = super::sheet::MOST_COLUMNS
                        ));
                    }
                }
                b"br" | b"p" | b"div" => {
                    if let Some(o) = open.as_mut() {
                        o.text.push(' ');
                    }
                }
                _ => {}
            },
            Token::EndTag(tag) => {
                if matches!(tag.name.as_slice(), b"td" | b"th" | b"tr" | b"table") {
                    close(&mut open, &mut cells, &mut taken)?;
                }
            }
            Token::String(s) => {
                if let Some(o) = open.as_mut() {
                    o.text.push_str(&String::from_utf8_lossy(&s));
                    if o.text.len() > super::sheet::MOST_CELL_BYTES {
                        return Err(msg!(
                            "read-cell-too-long",
                            most = super::sheet::MOST_CELL_CHARS
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    close(&mut open, &mut cells, &mut taken)?;
    Ok((cells, merged))
}

/// One worksheet of a SpreadsheetML 2003 workbook.
pub(crate) struct XmlSheet {
    pub(crate) name: String,
    pub(crate) visible: bool,
    pub(crate) cells: Vec<SheetCell>,
    pub(crate) merged: Vec<String>,
    /// Cells with a formula and no value (never computed).
    pub(crate) not_computed: Vec<(u32, u32)>,
}

/// Every worksheet of a SpreadsheetML 2003 workbook, in order.
pub(crate) fn spreadsheetml_sheets(text: &str) -> Result<Vec<XmlSheet>, Message> {
    use quick_xml::events::Event;
    let bad = |e: &dyn std::fmt::Display| msg!("read-workbook-unreadable", reason = e.to_string());
    let mut reader = quick_xml::Reader::from_str(text);
    let mut sheets: Vec<XmlSheet> = Vec::new();
    let mut row = 0u32; // 1-based, the current row
    let mut column = 0u32; // 1-based, the last cell's column
    let mut cell: Option<(u32, u32, u32, bool)> = None; // row, column, merge down, formula
    let mut data: Option<(String, String)> = None; // type, text
    let mut in_visible = false;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<String> {
        e.attributes().flatten().find_map(|a| {
            (a.key.local_name().as_ref() == name)
                .then(|| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| v.into_owned())
                })
                .flatten()
        })
    };
    let index = |e: &quick_xml::events::BytesStart, name: &str, most: u32| -> Option<u32> {
        attr(e, name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .map(|n| n.clamp(1, most))
    };
    let mut filled = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| bad(&e))?;
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "Worksheet" => {
                    sheets.push(XmlSheet {
                        name: attr(&e, "Name").unwrap_or_default(),
                        visible: true,
                        cells: Vec::new(),
                        merged: Vec::new(),
                        not_computed: Vec::new(),
                    });
                    row = 0;
                }
                "Row" => {
                    row = index(&e, "Index", super::sheet::MOST_ROWS).unwrap_or(row + 1);
                    if row > super::sheet::MOST_ROWS {
                        return Err(msg!("read-table-too-long", rows = super::sheet::MOST_ROWS));
                    }
                    column = 0;
                }
                "Cell" => {
                    // A cell outside any `Row` (malformed) counts as row 1.
                    row = row.max(1);
                    column = index(&e, "Index", super::sheet::MOST_COLUMNS).unwrap_or(column + 1);
                    if column > super::sheet::MOST_COLUMNS {
                        return Err(msg!(
                            "read-table-too-wide",
                            columns = super::sheet::MOST_COLUMNS
                        ));
                    }
                    let down = index(&e, "MergeDown", MOST_SPAN_ROWS).unwrap_or(0);
                    let formula = attr(&e, "Formula").is_some();
                    let across = index(&e, "MergeAcross", MOST_SPAN_COLUMNS).unwrap_or(0);
                    cell = Some((row, column, down, formula));
                    if let (Some(s), true) = (sheets.last_mut(), formula) {
                        s.not_computed.push((row - 1, column - 1));
                    }
                    column += across;
                }
                "Data" if cell.is_some() => {
                    data = Some((attr(&e, "Type").unwrap_or_default(), String::new()));
                }
                "Visible" => in_visible = true,
                _ => {}
            },
            Event::Text(t) => {
                let t: &str = &t;
                if let Some((_, text)) = data.as_mut() {
                    text.push_str(t);
                } else if in_visible
                    && matches!(t.trim(), "SheetHidden" | "SheetVeryHidden")
                    && let Some(s) = sheets.last_mut()
                {
                    s.visible = false;
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = data.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = data.as_mut() {
                    if let Some(s) = quick_xml::escape::resolve_xml_entity(&r) {
                        text.push_str(s);
                    } else if let Some(c) = r.resolve_char_ref().map_err(|e| bad(&e))? {
                        text.push(c);
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "Data" => {
                    if let (Some((kind, text)), Some((r, c, down, formula)), Some(s)) =
                        (data.take(), cell, sheets.last_mut())
                    {
                        if text.len() > super::sheet::MOST_CELL_BYTES {
                            return Err(msg!(
                                "read-cell-too-long",
                                most = super::sheet::MOST_CELL_CHARS
                            ));
                        }
                        if formula {
                            s.not_computed.retain(|&at| at != (r - 1, c - 1));
                        }
                        let value = xml_value(&kind, text);
                        if value != Data::Empty {
                            for at in r..=r.saturating_add(down) {
                                s.cells.push((at - 1, c - 1, value.clone(), None));
                            }
                            if down > 0 {
                                let letters = column_letters(c - 1);
                                s.merged.push(format!("{letters}{r}:{letters}{}", r + down));
                                filled += down as usize;
                                if filled > super::sheet::MOST_MERGED_CELLS {
                                    return Err(msg!(
                                        "read-merged-too-many",
                                        most = super::sheet::MOST_MERGED_CELLS
                                    ));
                                }
                            }
                        }
                    }
                }
                "Cell" => cell = None,
                "Visible" => in_visible = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(sheets)
}

/// A `Data` element's value by its `ss:Type`: numbers as numbers, a
/// date-time as its day (`2020-09-01`), booleans, errors; else text.
fn xml_value(kind: &str, text: String) -> Data {
    match kind {
        "Number" => match text.trim().parse::<f64>() {
            Ok(f) => Data::Float(f),
            Err(_) => Data::String(text),
        },
        "DateTime" => {
            let day = text.trim().get(..10).unwrap_or("");
            if chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok() {
                Data::String(day.to_string())
            } else {
                Data::String(text)
            }
        }
        "Boolean" => Data::Bool(text.trim() == "1"),
        "Error" => Data::Error(match text.trim() {
            "#DIV/0!" => calamine::CellErrorType::Div0,
            "#NAME?" => calamine::CellErrorType::Name,
            "#NULL!" => calamine::CellErrorType::Null,
            "#NUM!" => calamine::CellErrorType::Num,
            "#REF!" => calamine::CellErrorType::Ref,
            "#VALUE!" => calamine::CellErrorType::Value,
            _ => calamine::CellErrorType::NA,
        }),
        _ if text.is_empty() => Data::Empty,
        _ => Data::String(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(cells: &[SheetCell]) -> Vec<(u32, u32, String)> {
        cells
            .iter()
            .map(|(r, c, v, _)| (*r, *c, v.to_string()))
            .collect()
    }

    #[test]
    fn what_a_file_named_xls_is() {
        assert_eq!(content(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), None);
        assert_eq!(content(b"PK\x03\x04..."), Some(Content::Xlsx));
        assert_eq!(
            content(b"<html><body><TABLE><tr><td>1</td></tr></TABLE>"),
            Some(Content::Html)
        );
        assert_eq!(
            content(
                b"<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            ),
            Some(Content::SpreadsheetMl)
        );
        assert_eq!(
            content("工号\t姓名\n1\t张三\n".as_bytes()),
            Some(Content::Text)
        );
        assert_eq!(content(b"\x01\x02\x03\x04\x05garbage"), None);
    }

    #[test]
    fn html_rows_spans_and_entities() {
        let html = "<table><tr><th colspan=2>名单</th></tr>\
                    <tr><td rowspan=2>X01</td><td>张&amp;三</td><td>a<br>b</td></tr>\
                    <tr><td>李四<td>c</tr></table>";
        let (cells, merged) = html_cells(html).unwrap();
        assert_eq!(
            texts(&cells),
            [
                (0, 0, "名单".into()),
                (1, 0, "X01".into()),
                (2, 0, "X01".into()),
                (1, 1, "张&三".into()),
                (1, 2, "a b".into()),
                (2, 1, "李四".into()),
                (2, 2, "c".into()),
            ]
        );
        assert_eq!(merged, ["A2:A3"]);
    }

    #[test]
    fn spreadsheetml_sheets_indexes_and_merges() {
        let xml = r#"<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
 <Worksheet ss:Name="教师"><Table>
  <Row><Cell><Data ss:Type="String">工号</Data></Cell><Cell ss:Index="3"><Data ss:Type="String">A&amp;B</Data></Cell></Row>
  <Row ss:Index="4"><Cell ss:MergeDown="1"><Data ss:Type="Number">101</Data></Cell>
   <Cell><Data ss:Type="DateTime">2020-09-01T00:00:00.000</Data></Cell>
   <Cell ss:Formula="=1+1"/></Row>
 </Table></Worksheet>
 <Worksheet ss:Name="旧"><Table/><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>
</Workbook>"#;
        let sheets = spreadsheetml_sheets(xml).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[0].name, "教师");
        assert!(sheets[0].visible && !sheets[1].visible);
        assert_eq!(
            texts(&sheets[0].cells),
            [
                (0, 0, "工号".into()),
                (0, 2, "A&B".into()),
                (3, 0, "101".into()),
                (4, 0, "101".into()),
                (3, 1, "2020-09-01".into()),
            ]
        );
        assert_eq!(sheets[0].merged, ["A4:A5"]);
        assert_eq!(sheets[0].not_computed, [(3, 2)]);
        // A cell before any row neither panics nor is lost.
        let stray = r#"<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="a"><Table><Cell><Data ss:Type="String">x</Data></Cell></Table></Worksheet></Workbook>"#;
        assert_eq!(
            texts(&spreadsheetml_sheets(stray).unwrap()[0].cells),
            [(0, 0, "x".into())]
        );
    }
}
