# The HTML report, its SVG charts and the workbook (src/report/html.rs, svg.rs, workbook.rs).
