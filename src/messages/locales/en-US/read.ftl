# Reading the files (src/read/, src/domain/): what was expected and found.
# Each message follows the file, line and column that `input-error` puts
# before it (error.ftl); `found` is a cell's text as `read-quoted` or
# `read-shown-cut` shows it.

# A cell's text or a name, quoted inside a message (src/read/cell.rs
# `shown` and `quoted`); a cell longer than 40 characters is cut.
read-quoted = `{$text}`
read-shown-cut = `{$text}…` ({$count} characters)
# Names in a list of alternatives: `a` or `b` (src/read/sheet.rs).
read-or = {$first} or {$then}

# The forms a date, a school year and a post status may take, shared by
# the messages below.
-read-date-form = expected a date such as 1975-03-12 or 1975年3月

-read-school-year-form = expected a school year: a whole number such as 2024, or 2024年, 2024-2025, 2024学年, or a date

-read-status-form = expected a status of the national teacher system, as its code, name or both (100 在本单位任职, 201-211 such as 205 交流轮岗, 299 其他), or a word bureaus use (在岗, 在职, 正常, 在编在岗: 100; 借调, 借用, 借出: 201; 病休, 病假: 203; 脱产进修, 脱产学习: 204; 交流, 支教, 轮岗: 205; 援外: 207; 内退, 待退: 209; 产假, 孕期, 哺乳期: not eligible, reason status)

# A cell that does not read as its column's type (src/read/cell.rs,
# date.rs, roster.rs).
read-empty-required = empty cell in a required column
read-expected-count = expected a whole number >= 0, found {$found} (not a whole number)
read-expected-count-negative = expected a whole number >= 0, found {$found} (a negative number)
read-expected-integer = expected a whole number, found {$found}
read-expected-number = expected a number, found {$found}
read-expected-number-in = expected a number from {$from} to {$to}, found {$found}
read-expected-boolean = expected a boolean (true/false, yes/no, y/n, 1/0, 是/否, t/f, √/×), found {$found}
read-expected-date = {-read-date-form}, found {$found}
read-expected-date-serial = {-read-date-form}, found {$found} (not a day of the workbook's date system)
read-expected-school-year = {-read-school-year-form}, found {$found}
read-expected-school-year-follow = {-read-school-year-form}, found {$found} ({$second} does not follow {$first})
read-expected-sex = expected a sex: 男/女, male/female, m/f or 1/2, found {$found}
read-expected-title = expected a title: 正高级, 高级, 一级, 二级, 三级, 未定级 (or a title before 2015 such as 中学高级, 小学高级; or senior_plus, senior, first, second, third, none), found {$found}
read-expected-status = {-read-status-form}, found {$found}
read-expected-status-mismatch = {-read-status-form}, found {$found} (code {$code} is {$known}, not {$name})
read-expected-backbone = expected a boolean or a level: none, school, county, city, province, national (无, 校级, 县级, 市级, 省级, 国家级), or a title such as 县级骨干教师, 市级学科带头人, 特级教师, found {$found}
read-expected-area = expected urban, town or rural (城区, 镇区, 农村, 乡村, or a national urban-rural code such as 111, 121, 220), found {$found}
read-expected-level = expected primary, junior or nine-year (小学, 初中, 九年一贯制), found {$found}
# A teacher's `section` or a need's `level` (fit.md "Teaching level").
read-expected-section = expected primary or junior (小学, 初中), found {$found}
read-expected-certificate = expected a teacher's certificate: 幼儿园, 小学, 初中, 高中 (高级中学) or 中职 (中等职业学校), alone or followed by 教师资格, found {$found}
read-need-level-not-taught = school {$school} does not teach {$level}: a need's level must be one its school teaches

# A resident ID number (src/read/roster.rs); `number` is masked.
read-expected-id-card = expected an 18-character resident ID number (17 digits and a digit or X), found `{$number}`
read-id-card-check = the resident ID number `{$number}` has a wrong check character (ISO 7064 MOD 11-2): it should be `{$check}`; a character is mistyped
read-id-card-birth-date = the resident ID number `{$number}` holds no real birth date (digits 7-14)
read-id-card-in-workbook = {$reason} (a workbook keeps an ID number typed as a number to 15 digits: format the column as text and type the numbers again)

# The bytes of a CSV file (src/read/text.rs).
read-zip-not-csv = this is a ZIP file (an Excel .xlsx workbook renamed?), not CSV: give it its .xlsx name, which rotaplan reads, or in Excel use Save As > CSV UTF-8 (or CSV)
read-utf32 = the file is UTF-32, which rotaplan does not read: save it as UTF-8 (CSV UTF-8) or UTF-16 (Unicode 文本)
read-nul-byte = a NUL byte: the file looks binary, not CSV
read-nul-byte-utf16 = a NUL byte: the file looks like UTF-16 without a byte-order mark; save it as UTF-8 (CSV UTF-8) or as Unicode 文本 (UTF-16 with a byte-order mark)
read-nul-character = a NUL character: the file looks binary, not CSV
read-not-utf8-nor-gbk = bytes that are neither UTF-8 nor GB18030/GBK; save the file as UTF-8 or GBK
read-not-utf16 = bytes that are not {$encoding} although the file starts with its byte-order mark; save the file as UTF-8
read-undecodable = could not decode the file as {$encoding}
# Where on the line a bad byte is.
read-in-field = {$message} (field {$field})
read-sep-line = the first line declares the separator `{$separator}` (sep={$separator}); rotaplan reads comma, tab and semicolon separated files

# A CSV file's rows and its header (src/read/table.rs).
read-malformed-csv = malformed CSV: {$reason}
read-empty-file = the file is empty: a header row is required
read-empty-sheet = the sheet is empty: a header row is required
read-ragged-row = expected {$expected} fields as in the header, found {$found} (a ragged row)
read-duplicated-header = duplicated header {$header} (fields {$first} and {$second})
read-column-twice = column `{$column}` is given twice: {$header} (field {$field}) and {$other} (field {$other_field})
read-missing-column = missing required column `{$column}` ({$names})
read-no-known-column = no row among the first {$examined} non-empty rows names any of the columns {$columns}
# `missing` is read-missing-column; `unit` is `line` (CSV) or `row` (a sheet).
read-no-header-closest = {$missing}; no row among the first {$examined} non-empty rows has every required column, and {$unit ->
        [row] row
       *[line] line
    } {$line} comes closest

# A workbook and its sheets (src/read/sheet.rs).
read-workbook-damaged = the workbook could not be read (damaged or not a workbook)
read-workbook-unreadable = the workbook could not be read: {$reason}
read-workbook-no-worksheets = the workbook has no worksheets
read-workbook-all-hidden = the workbook has no visible worksheet (hidden: {$hidden}); unhide the sheet to read, or name it {$asked}
read-sheet-unreadable = cannot read sheet `{$sheet}`: {$reason}
read-hidden-sheet-unreadable = cannot read sheet `{$sheet}` (a hidden sheet): {$reason}
read-sheet-hidden-note = {$message} (sheet `{$sheet}` is hidden: unhide it in Excel to see it)
read-excel-error = the cell holds the Excel error {$error}

# The data set's files: where they are, and what their rows must agree on
# (src/read/mod.rs).
read-no-data-file = no {$stem}.csv: give the data folder or --{$stem}
read-not-a-folder = {$path}: not a folder
read-missing-teacher-id = missing required column `id` (工号, 教职工号; or id_card, 身份证件号, as the id)
read-rule-column-missing = rule `{$rule}` filters on column `{$column}`, which {$file} does not have
read-duplicate-id = duplicate id {$id}
read-unknown-school = unknown school {$school} (not in {$file})
read-unknown-school-named = unknown school {$school} (not in {$file}, by id or by name)
read-school-name-ambiguous = school name {$name} is ambiguous: schools {$ids} have it; give the school's id
read-unknown-teacher = unknown teacher {$teacher} (not in {$file})
read-latitude-alone = latitude given without longitude
read-longitude-alone = longitude given without latitude
read-need-not-receiving = school `{$school}` is urban or a quality school: only rural (or weak), non-quality schools can have needs
read-need-twice = a second row for school `{$school}` and subject `{$subject}` (the first is line {$first})
read-rank-zero = expected a rank >= 1 (1 = first choice), found `0`
read-end-year-before = the last school year {$end} is before the first, {$year}

# Warnings `rotaplan check` lists about how the files were read
# (src/read/mod.rs).
read-fallback-ignored = {$file}: column `{$header}` is ignored: `{$used}` is read as `{$column}`
# A header not read that is close to a known column's name (fit.md
# "Headers"); `known` lists them as `name` (column), joined by ", ".
read-header-not-read = column `{$header}` ({$file}) was not read: did you mean {$known}?

# Plan files (src/read/plan.rs).
read-plan-no-teacher-column = missing required column `teacher` (工号): a plan names each teacher by id, by ID number (id_card, 身份证件号) or by name and school (姓名 and 原单位)
read-plan-id-card-shared = two teachers in {$file} have the ID number `{$number}`: name the teacher by id (工号)
read-plan-id-card-unknown = no teacher in {$file} has the ID number `{$number}`
read-plan-name-shared = {$count} teachers named {$name} work at school {$school} ({$ids}): name the teacher by id (工号)
read-plan-name-unknown = no teacher named {$name} works at school {$school} (in {$file})
read-plan-teacher-twice = teacher {$teacher} is listed twice (first on line {$line})

# A 学历 word not known: a warning of `check` (fit.md "Words bureaus use").
read-education-unknown = {$file}: {$count ->
        [one] 1 teacher has
       *[other] {$count} teachers have
    } an education (学历) not recognised (first {$found} on line {$line}; known: 博士研究生, 硕士研究生, 大学本科, 大学专科, 中专, 高中, 初中 and their short forms, or doctor, master, bachelor, associate, secondary, below_secondary); counted as not above the required degree

# Columns of a teacher that disagree: warnings of `check` (fit.md
# "Conflicts are shown, not settled in silence"). `first` is
# read-conflict-first.
read-conflict-first = {$file}: {$count ->
        [one] 1 teacher
       *[other] {$count} teachers
    } (first {$teacher} on line {$line})
read-conflict-backbone = {$first}: the backbone flag (是否县级及以上骨干教师) and the backbone level disagree; the higher of the two is used
read-conflict-birth-date = {$first}: the ID number's birth date differs from birth_date (出生日期); the birth_date column is used
read-conflict-sex = {$first}: the ID number's sex differs from sex (性别); the sex column is used
read-conflict-id-card-check = {$first}: the ID number has a wrong check character (ISO 7064 MOD 11-2); birth_date (出生日期) and sex (性别) are read from their own columns
read-formula-not-computed = the formula in {$cell} has no computed value: open and save the file in Excel or WPS, or give the values
read-dotted-month-ambiguous = {$found} may be January {$year} or October {$year} (Excel stores 2020.10 typed in a General cell as 2020.1): type {$year}.01 or {$year}.10 as text, or give a date
read-plan-id-without-zeros = 工号 `{$typed}` names teacher {$id}, read without its leading zeros (as Excel turns 000467 into 467): format the column as text to keep them
read-sheet-too-large = sheet `{$sheet}` has cells beyond {$rows} rows or {$columns} columns, the most rotaplan reads: keep only the table in the sheet
read-workbook-too-large = the workbook would unpack into more than {$gib} GiB, the most rotaplan reads: keep only the table in it
read-table-too-long = the table has more than {$rows} rows, the most rotaplan reads: split the file
read-table-too-wide = the table has more than {$columns} columns, the most rotaplan reads: keep only the table's columns
read-cell-too-long = a cell holds more than {$most} characters, the most a cell may hold (Excel's own limit)
read-merged-too-many = merged cells would fill more than {$most} cells, the most rotaplan fills: unmerge them
read-sheets-columns-differ = read sheet by sheet (no sheet is named like the file), sheet `{$has}` has the column `{$column}` and sheet `{$lacks}` has not: give every sheet the same columns, or name the sheet to read
read-ods-repeated-too-many = the sheet's repeated rows or columns (number-rows-repeated, number-columns-repeated) would lay out more than {$laid_out} cells or repeat more than {$most} cells with a value, the most rotaplan reads: delete the empty rows and columns after the table, or save it as .xlsx
read-html-sheet = HTML table
read-expected-term = expected whole school years (1, 2, 3年) or 调动 (transfer), found {$found}
read-history-two-schools = the history names the school twice, as `school` and as `to_school` (a plan file's column): keep one
read-two-principals = two principals (校长) at school {$school}: {$first} (line {$first_line}) and {$second}; a school has one, keep the other as 副校长 or give no post
