# 政策、政策规则和交流资格（src/policy/、src/eligibility/）。

# policy.toml 或命令行选项中的比例值（src/policy/mod.rs，Ratio）：
# $found 是原样写出并加引号的值。
policy-ratio-not-decimal = 应为比例，如 0.10 或 10%，实际为 {$found}
policy-max-ratio-expected = 应为比例，如 0.10 或 10%，或 "required"，实际为 `{$found}`
policy-ratio-out-of-range = 应为 0 到 1 之间的比例，实际为 {$found}

# 政策配置项的值（src/policy/mod.rs）：显示在“key `name`: ”之后。
policy-date-expected = 应为日期，如 2027-08-31，实际为 `{$found}`
policy-cooldown-expected = 应为整年数或 "ever"，实际为 `{$found}`
policy-retirement-expected = 应为 "statutory" 或 {"{"} male = 60, female = 55 {"}"}，实际为 `{$found}`
policy-backbone-level-expected = 应为 school、county、city、province 或 national，实际为 `{$found}`
policy-receivers-expected = 应为 "rural" 或 "weak"，实际为 `{$found}`
policy-receivers-need-rural = 乡村学校始终是接收学校：列表中必须包含 "rural"
policy-balance-expected = 应为 "report"、"keep" 或 "improve"，实际为 `{$found}`
policy-level-match-expected = 应为 "same"、"qualified" 或 "any"，实际为 `{$found}`
policy-town-area-expected = 应为 "rural" 或 "urban"，实际为 `{$found}`
policy-seconds-expected = 应为大于等于 {$min} 的秒数，实际为 {$found}
policy-nodes-expected = 应为不小于 1 的整数节点数，实际为 {$found}

# TOML 解析器自己的消息（英文），其中的类型名改用方案编制人员的说法。
policy-parser-says = {$message}
policy-full-width-sign = `{$sign}` 是用中文输入法输入的全角符号：请改为半角的 `{$plain}`
policy-percent-unquoted = `{$value}` 需要加引号：写成 {$key} = "{$value}" 或 {$key} = {$share}
policy-word-unquoted = `{$value}` 这个词需要加引号：写成 {$key} = "{$value}"
policy-type-number = 应为数字
policy-type-whole-number = 应为整数

# 没有政策文件时，政策的来源（用作错误位置）。
policy-source-command-line = 命令行

# 涉及 --ratio 所给值的冲突。
policy-from-ratio-flag = {$message}（min_rotation_ratio 取自 --ratio {$ratio}）

# 选项值有误：先是选项，再是错误内容。
policy-flag-error = {$flag}：{$message}

# 配置项之间的规则（src/policy/mod.rs，在每一层之后检查）。
policy-max-below-min = {$key} {$max} 小于 min_rotation_ratio {$min}
policy-rule-builtin-name = 这是内置规则的名称；请另取一个名称
policy-rule-name-twice = 该名称被使用了两次

# [[rules]] 中的一项（src/policy/rules.rs）：先是规则名称，再是错误内容。
policy-rule-named = 规则 `{$name}`：{$message}
policy-rule-needs-name = rules 第{$entry}项：规则必须有 `name`
policy-rule-bound-expected = bound 应为 "min" 或 "max"，实际为 `{$found}`
policy-rule-needs-bound = 规则必须有 `bound`（"min" 或 "max"）
policy-rule-needs-share = 规则必须有 `share`
policy-rule-of-expected = of 应为 "eligible"、"rotating" 或 "staff"，实际为 `{$found}`
policy-rule-needs-of = 规则必须有 `of`（"eligible"、"rotating" 或 "staff"）
policy-rule-empty-filters = 空的筛选条件列表不匹配任何人；如要统计所有人，请删去该配置项
policy-scope-expected = scope 应为 "district"、"school" 或 "group"，实际为 {$found}
policy-sex-expected = sex 应为 "male" 或 "female"，实际为 `{$found}`
policy-title-expected = 应为职称（正高级、高级、一级、二级、三级、未定级），实际为 {$found}
policy-level-expected = 应为学段（primary、junior、nine-year；小学、初中、九年一贯制），实际为 `{$found}`

# 用方案编制人员的话描述一条规则（报告、无可行方案消息）：
# `rotation_ratio (>= 10% of eligible)`；$of 为 policy-of-* 之一。
policy-rule-describe = {$name}（{$sign} {$of}的 {$share}）
policy-of-eligible = 符合条件教师
policy-of-rotating = 交流教师
policy-of-staff = 在册教师

# 规则的统计单元（src/policy/rules.rs，Unit），以及以区县为范围的
# 消息中区县的名称。
policy-unit-data-set = 全部数据
policy-unit-district = 区县 {$district}
policy-unit-school = 学校 {$school}
policy-unit-group = 教育集团 {$group}
policy-unit-group-in-district = 教育集团 {$group}（区县 {$district}）
policy-unit-subject = ，学科 {$subject}

# 教师不符合交流条件的原因（src/eligibility/，Ineligible）：用于报告，
# 以及审核中的 ineligible_teacher 违规。
elig-not-sending-school = 不在派出学校（只有城区学校和优质学校派出教师）
elig-explicit-override = 在 `eligible` 列中标记为不符合交流条件
elig-away = 已在交流中（{$detail}）
elig-away-status = 人员状态 {$code} {$name}
elig-away-history = 交流记录：交流期至 {$end} 学年
elig-status = 不在岗：人员状态 {$code} {$detail}
elig-status-word = 不在岗：{$detail}
elig-not-established = 非在编人员（编外）
elig-exempt = 免于交流：{$because}
elig-too-few-years = 本校任教年限不足（{$years}年，须满{$min}年）
elig-over-age = 超过年龄上限（{$age}岁，上限{$max}岁）
elig-near-retirement = 将于 {$retires} 退休，距退休不足{$min}年
elig-cool-down = 距上次交流未满规定年限（{$year}年曾参加交流）

# teachers.csv 中晚于 as_of 的日期（src/eligibility/，check_dates）。
elig-date-after-as-of = 教师 {$teacher}：{$column} {$date} 晚于 as_of {$as_of}（plan_year {$plan_year}）；应为已过去的日期

# 政策文件中的 plan_year（fit.md “The plan year”）。
policy-plan-year-range = 应为 1900 到 9999 之间的年份，实际为 {$found}

# 规则找不到取值的政策配置项（fit.md “A rule never switches off
# in silence”），显示在“policy.toml line 3: key `min_years_at_school`: ”之后。
# 各命令在某政策下对数据集给出的警告
# （src/eligibility/warnings.rs，fit.md “A rule never switches off in
# silence”）。
elig-min-years-not-checked = min_years_at_school 默认生效（{$years}年），但 {$file} 中派出学校的教师都没有本校任教年限或入校日期：这一条件不会限制任何人（如确实如此，请在政策中设置 min_years_at_school = 0；否则请补充 years_at_school 或 school_entry 列）
elig-students-missing = {$file}：{$count ->
        [one] 1所学校
       *[other] {$count}所学校
    }没有在校学生数（{$schools}）：不纳入优质均衡计算
elig-need-subject-closest = {$file}：{$school} 的{$subject}岗位需求：区县 {$district} 没有任教{$subject}的教师；是否应为 {$closest}？
elig-need-subject-untaught = {$file}：{$school} 的{$subject}岗位需求：区县 {$district} 没有任教{$subject}的教师
# 政策配置项对应的规则读取了所有教师都没有的列。
elig-rule-without-column = 该规则读取 {$columns}，但 {$file} 中派出学校的教师在这些列都没有值，因此它不会适用于任何人；{$unread}
elig-headers-unread = 其中未读取的表头：{$headers}（请按 rosters.md 的说明命名该列，或删除该配置项）
elig-no-header-unread = 其所有表头都已读取：每所派出学校都缺少该列或该列为空（请补填或添加该列，或删除该配置项）
policy-term-expected = 应为不少于1的整学年数或 "transfer"（调动），实际为 `{$found}`
elig-refill-not-added = 教师 {$teacher} 今年期满返回，但未为其增补岗位需求（refill_returns）：{ $named ->
    [no] 其交流记录未写明学校
   *[yes] 按政策学校 {$school} 不接收交流教师
}
elig-transfer-on-roster = 教师 {$teacher} 已于{$year}年调动到 {$to}，但 teachers.csv 中仍在 {$school}：以花名册为准
policy-priority-unknown = 未知的优先顺序 `{$stage}`：可用 volunteer（自愿报名）、never_rotated（从未交流）、years_at_school（本校任教年限）、points（积分），或筛选条件，如 {"{"} column = "列名", values = ["..."] {"}"}
policy-priority-needs-column = 优先顺序 `{$stage}` 需要 teachers.csv 中的“{$column}”列，但该文件没有此列
policy-principal-years = principal_min_years（{$min}）大于 principal_max_years（{$max}）：校长可能在允许交流之前就必须交流
elig-principal = 担任{$post}，不参加教师交流（校长交流另行安排）
