# The text reports: tables and check (src/report/, but the page and the workbook).
