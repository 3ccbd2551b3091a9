# 读取文件（src/read/、src/domain/）：应为什么，实际读到什么。
# 每条消息都跟在 `input-error`（error.ftl）给出的文件、行、列之后；
# `found` 是单元格的文本，按 `read-quoted` 或 `read-shown-cut` 的方式显示。

# 消息中引用的单元格文本或名称（src/read/cell.rs 的 `shown` 和
# `quoted`）；超过 40 个字符的单元格会被截断。
read-quoted = `{$text}`
read-shown-cut = `{$text}…`（共{$count}个字符）
# 可选项列表中的名称：`a` 或 `b`（src/read/sheet.rs）。
read-or = {$first}或{$then}

# 日期、学年和人员状态可用的写法，供下列消息共用。
-read-date-form = 应为日期，如 1975-03-12 或 1975年3月

-read-school-year-form = 应为学年：整数（如 2024），或 2024年、2024-2025、2024学年，或日期

-read-status-form = 应为全国教师管理信息系统中的人员状态，可填代码、名称或两者（100 在本单位任职，201-211 如 205 交流轮岗，299 其他），或各地常用说法（在岗、在职、正常、在编在岗：100；借调、借用、借出：201；病休、病假：203；脱产进修、脱产学习：204；交流、支教、轮岗：205；援外：207；内退、待退：209；产假、孕期、哺乳期：不符合交流条件，原因代码 status）

# 单元格内容不符合所在列的类型（src/read/cell.rs、date.rs、roster.rs）。
read-empty-required = 必填列的单元格为空
read-expected-count = 应为大于等于 0 的整数，实际为 {$found}（不是整数）
read-expected-count-negative = 应为大于等于 0 的整数，实际为 {$found}（是负数）
read-expected-integer = 应为整数，实际为 {$found}
read-expected-number = 应为数字，实际为 {$found}
read-expected-number-in = 应为 {$from} 到 {$to} 之间的数字，实际为 {$found}
read-expected-boolean = 应为“是/否”类的值（true/false、yes/no、y/n、1/0、是/否、t/f、√/×），实际为 {$found}
read-expected-date = {-read-date-form}，实际为 {$found}
read-expected-date-serial = {-read-date-form}，实际为 {$found}（不是该工作簿日期系统中的日期）
read-expected-school-year = {-read-school-year-form}，实际为 {$found}
read-expected-school-year-follow = {-read-school-year-form}，实际为 {$found}（{$second} 不是 {$first} 的下一年）
read-expected-sex = 应为性别：男/女、male/female、m/f 或 1/2，实际为 {$found}
read-expected-title = 应为职称：正高级、高级、一级、二级、三级、未定级（或 2015 年以前的职称，如中学高级、小学高级；或 senior_plus、senior、first、second、third、none），实际为 {$found}
read-expected-status = {-read-status-form}，实际为 {$found}
read-expected-status-mismatch = {-read-status-form}，实际为 {$found}（代码 {$code} 对应“{$known}”，而不是“{$name}”）
read-expected-backbone = 应为“是/否”或骨干级别：none、school、county、city、province、national（无、校级、县级、市级、省级、国家级），或称号，如县级骨干教师、市级学科带头人、特级教师，实际为 {$found}
read-expected-area = 应为 urban、town 或 rural（城区、镇区、农村、乡村，或国家统计用城乡分类代码，如 111、121、220），实际为 {$found}
read-expected-level = 应为 primary、junior 或 nine-year（小学、初中、九年一贯制），实际为 {$found}
# 教师的 `section` 或岗位需求的 `level`（fit.md “Teaching level”）。
read-expected-section = 应为 primary 或 junior（小学、初中），实际为 {$found}
read-expected-certificate = 应为教师资格：幼儿园、小学、初中、高中（高级中学）或中职（中等职业学校），可单独填写，也可后接“教师资格”，实际为 {$found}
read-need-level-not-taught = 学校 {$school} 不设{$level}学段：岗位需求的学段必须是该校开设的学段

# 居民身份证件号（src/read/roster.rs）；`number` 已脱敏。
read-expected-id-card = 应为 18 位身份证件号（17 位数字加 1 位数字或 X），实际为 `{$number}`
read-id-card-check = 身份证件号 `{$number}` 的校验码错误（ISO 7064 MOD 11-2）：应为 `{$check}`；有字符录入错误
read-id-card-birth-date = 身份证件号 `{$number}` 中的出生日期（第 7-14 位）不是有效日期
read-id-card-in-workbook = {$reason}（工作簿会把按数字录入的身份证件号只保留 15 位有效数字：请将该列设为文本格式，再重新录入号码）

# CSV 文件的字节内容（src/read/text.rs）。
read-zip-not-csv = 这是 ZIP 文件（可能是改了扩展名的 Excel .xlsx 工作簿？），不是 CSV：请改回 .xlsx 文件名（rotaplan 可以读取），或在 Excel 中“另存为”> CSV UTF-8（或 CSV）
read-utf32 = 该文件为 UTF-32 编码，rotaplan 无法读取：请另存为 UTF-8（CSV UTF-8）或 UTF-16（Unicode 文本）
read-nul-byte = 含有 NUL 字节：该文件似乎是二进制文件，不是 CSV
read-nul-byte-utf16 = 含有 NUL 字节：该文件似乎是没有字节顺序标记（BOM）的 UTF-16 文件；请另存为 UTF-8（CSV UTF-8）或 Unicode 文本（带字节顺序标记的 UTF-16）
read-nul-character = 含有 NUL 字符：该文件似乎是二进制文件，不是 CSV
read-not-utf8-nor-gbk = 含有既非 UTF-8 也非 GB18030/GBK 的字节；请将文件另存为 UTF-8 或 GBK
read-not-utf16 = 文件以 {$encoding} 的字节顺序标记开头，却含有不符合 {$encoding} 的字节；请将文件另存为 UTF-8
read-undecodable = 无法按 {$encoding} 解码该文件
# 出错字节在该行中的位置。
read-in-field = {$message}（第{$field}个字段）
read-sep-line = 首行声明的分隔符为 `{$separator}`（sep={$separator}）；rotaplan 只读取以逗号、制表符或分号分隔的文件

# CSV 文件的行和表头（src/read/table.rs）。
read-malformed-csv = CSV 格式错误：{$reason}
read-empty-file = 文件为空：必须有表头行
read-empty-sheet = 工作表为空：必须有表头行
read-ragged-row = 应与表头一样有{$expected}个字段，实际为{$found}个（该行字段数与表头不符）
read-duplicated-header = 表头 {$header} 重复（第{$first}和第{$second}个字段）
read-column-twice = “{$column}”列出现了两次：{$header}（第{$field}个字段）和 {$other}（第{$other_field}个字段）
read-missing-column = 缺少必填列“{$column}”（{$names}）
read-no-known-column = 前{$examined}个非空行中没有一行包含以下任何一列：{$columns}
# `missing` 即 read-missing-column；`unit` 为 `line`（CSV）或 `row`（工作表）。
read-no-header-closest = {$missing}；前{$examined}个非空行中没有一行包含全部必填列，最接近的是{$unit ->
        [row] 第{$line}行
       *[line] 第{$line}行
    }

# 工作簿及其工作表（src/read/sheet.rs）。
read-workbook-damaged = 无法读取该工作簿（文件已损坏或不是工作簿）
read-workbook-unreadable = 无法读取该工作簿：{$reason}
read-workbook-no-worksheets = 该工作簿没有工作表
read-workbook-all-hidden = 该工作簿没有可见的工作表（已隐藏：{$hidden}）；请取消隐藏要读取的工作表，或将其命名为 {$asked}
read-sheet-unreadable = 无法读取工作表“{$sheet}”：{$reason}
read-hidden-sheet-unreadable = 无法读取工作表“{$sheet}”（隐藏的工作表）：{$reason}
read-sheet-hidden-note = {$message}（工作表“{$sheet}”已隐藏：请在 Excel 中取消隐藏后查看）
read-excel-error = 该单元格是 Excel 错误值 {$error}

# 数据集的各个文件：在哪里，以及各文件的行之间必须一致的内容
# （src/read/mod.rs）。
read-no-data-file = 没有 {$stem}.csv：请指定数据文件夹或 --{$stem}
read-not-a-folder = {$path}：不是文件夹
read-missing-teacher-id = 缺少必填列 `id`（工号、教职工号；或以 id_card、身份证件号作为工号）
read-rule-column-missing = 规则 `{$rule}` 按“{$column}”列筛选，但 {$file} 中没有该列
read-duplicate-id = 编号 {$id} 重复
read-unknown-school = 未知学校 {$school}（不在 {$file} 中）
read-unknown-school-named = 未知学校 {$school}（按编号和名称都未在 {$file} 中找到）
read-school-name-ambiguous = 学校名称 {$name} 不唯一：学校 {$ids} 都用这个名称；请填写学校编号
read-unknown-teacher = 未知教师 {$teacher}（不在 {$file} 中）
read-latitude-alone = 填写了纬度但没有经度
read-longitude-alone = 填写了经度但没有纬度
read-need-not-receiving = 学校 `{$school}` 是城区学校或优质学校：只有乡村（或薄弱）、非优质学校才能提出岗位需求
read-need-twice = 学校 `{$school}`、学科 `{$subject}` 的岗位需求重复出现（首次出现在第{$first}行）
read-rank-zero = 志愿顺序应为大于等于 1 的整数（1 = 第一志愿），实际为 `0`
read-end-year-before = 最后一个学年 {$end} 早于第一个学年 {$year}

# `rotaplan check` 列出的文件读取警告（src/read/mod.rs）。
read-fallback-ignored = {$file}：已忽略“{$header}”列：已将“{$used}”列读作 `{$column}`
# 未读取的表头，与某个已知列名相近（fit.md “Headers”）；`known` 以
# `名称`（列）的形式列出这些列，用 ", " 连接。
read-header-not-read = “{$header}”列（{$file}）未被读取：是否应为 {$known}？

# 方案文件（src/read/plan.rs）。
read-plan-no-teacher-column = 缺少必填列 `teacher`（工号）：方案中的每位教师须用工号、身份证件号（id_card、身份证件号）或姓名加学校（姓名和原单位）标明
read-plan-id-card-shared = {$file} 中有两名教师的身份证件号都是 `{$number}`：请用工号标明该教师
read-plan-id-card-unknown = {$file} 中没有身份证件号为 `{$number}` 的教师
read-plan-name-shared = 学校 {$school} 有{$count}名教师叫 {$name}（{$ids}）：请用工号标明该教师
read-plan-name-unknown = 学校 {$school} 没有名叫 {$name} 的教师（见 {$file}）
read-plan-teacher-twice = 教师 {$teacher} 被重复列出（首次在第{$line}行）

# 无法识别的学历用词：`check` 的警告（fit.md “Words bureaus use”）。
read-education-unknown = {$file}：{$count ->
        [one] 1名教师
       *[other] {$count}名教师
    }的学历无法识别（首个为第{$line}行的 {$found}；可识别的有：博士研究生、硕士研究生、大学本科、大学专科、中专、高中、初中及其简称，或 doctor、master、bachelor、associate、secondary、below_secondary）；按未高于规定学历计

# 同一教师各列信息不一致：`check` 的警告（fit.md
# “Conflicts are shown, not settled in silence”）。`first` 即
# read-conflict-first。
read-conflict-first = {$file}：{$count ->
        [one] 1名教师
       *[other] {$count}名教师
    }（首个为第{$line}行的 {$teacher}）
read-conflict-backbone = {$first}：骨干标记（是否县级及以上骨干教师）与骨干级别不一致；按两者中较高的认定
read-conflict-birth-date = {$first}：身份证件号中的出生日期与 birth_date（出生日期）不一致；以 birth_date 列为准
read-conflict-sex = {$first}：身份证件号中的性别与 sex（性别）不一致；以 sex 列为准
read-conflict-id-card-check = {$first}：身份证件号校验码错误（ISO 7064 MOD 11-2）；birth_date（出生日期）和 sex（性别）按各自的列读取
read-formula-not-computed = 单元格 {$cell} 中的公式没有计算结果：请在 Excel 或 WPS 中打开并保存该文件，或直接填写数值
read-dotted-month-ambiguous = {$found} 可能是 {$year}年1月，也可能是 {$year}年10月（在“常规”格式的单元格中输入 2020.10，Excel 会存为 2020.1）：请以文本格式输入 {$year}.01 或 {$year}.10，或填写日期
read-plan-id-without-zeros = 工号 `{$typed}` 对应教师 {$id}，读取时丢失了前导零（Excel 会把 000467 变成 467）：请将该列设为文本格式以保留前导零
read-sheet-too-large = 工作表“{$sheet}”中有超出 {$rows} 行或 {$columns} 列的单元格，超过了 rotaplan 的读取上限：工作表中只保留表格本身
read-workbook-too-large = 该工作簿解压后将超过 {$gib} GiB，超过了 rotaplan 的读取上限：工作簿中只保留表格本身
read-table-too-long = 表格超过 {$rows} 行，超过了 rotaplan 的读取上限：请拆分文件
read-table-too-wide = 表格超过 {$columns} 列，超过了 rotaplan 的读取上限：只保留表格所需的列
read-cell-too-long = 单元格内容超过 {$most} 个字符，这是单个单元格的上限（Excel 本身的限制）
read-merged-too-many = 合并单元格填充后将超过 {$most} 个单元格，超过了 rotaplan 的填充上限：请取消合并
read-sheets-columns-differ = 已逐表读取（没有与文件同名的工作表），工作表“{$has}”有“{$column}”列而工作表“{$lacks}”没有：请让各工作表的列保持一致，或指定要读取的工作表
read-ods-repeated-too-many = 该工作表的重复行或重复列（number-rows-repeated、number-columns-repeated）展开后将超过 {$laid_out} 个单元格，或重复超过 {$most} 个有值的单元格，超过了 rotaplan 的读取上限：请删除表格之后的空行和空列，或另存为 .xlsx
read-html-sheet = HTML 表格
read-expected-term = 应为整学年数（1、2、3年）或“调动”，实际为 {$found}
read-history-two-schools = 交流记录中学校出现两次（`school` 和方案文件的 `to_school` 列），请只保留一列
read-two-principals = 学校 {$school} 有两名校长：{$first}（第{$first_line}行）和 {$second}；每所学校只有一名校长，请把另一人的职务改为副校长或留空
