# 独立审核（src/audit/）。

# 违反规则的方案行：违规记录的 `message`，显示在 `rotaplan audit`
# 的表格、JSON 和报告页面中。
audit-duplicate-teacher = 教师 {$teacher} 被重复列出（首次在第{$first}行）
audit-unknown-teacher = 教师 {$teacher} 不在 {$file} 中
audit-unknown-teacher-candidates = 教师 {$teacher} 不在 {$file} 中；去掉前导零后，可能是 {$candidates} 中的任意一位：请按花名册原样填写工号，包括前导零（将该列设为文本格式）
audit-unknown-school = 学校 {$school} 不在 {$file} 中
# 行中所写内容与数据集不符（fit.md “Conflicts are shown”）。
audit-name-mismatch = 该行中教师 {$teacher} 的姓名为“{$name}”，而 {$file} 中 {$teacher} 的姓名为“{$known}”；该行不计入
audit-school-mismatch = 该行的 to_school_name“{$named}”是学校 {$other}，而不是该行 to_school 所填的 {$school}（{$known}）；该行不计入（教师 {$teacher}）
audit-school-mismatch-many = 该行的 to_school_name“{$named}”是多所学校共用的名称，而不是该行 to_school 所填的 {$school}（{$known}）的名称；该行不计入（教师 {$teacher}）
audit-school-mismatch-unknown = 该行的 to_school_name“{$named}”不是 {$file} 中任何学校的名称，而该行 to_school 为 {$school}（{$known}）；该行不计入（教师 {$teacher}）
audit-ineligible = 教师 {$teacher} 不能交流：{$reason}
audit-not-receiving-quality = 学校 {$school} 是优质学校，不是接收学校
audit-not-receiving-weak = 学校 {$school} 是薄弱学校，而政策的 receivers 不包含 "weak"，因此不是接收学校
audit-not-receiving-urban = 学校 {$school} 是城区学校，不是接收学校
audit-cross-district = 教师 {$teacher} 在区县 {$from_district} 任教，但学校 {$school} 属于区县 {$to_district}
audit-outside-group = 教师 {$teacher} 所在学校 {$from} 属于 {$from_group}，但学校 {$to} 属于 {$to_group}（within_group）
audit-pin-elsewhere = 教师 {$teacher} 已指派到学校 {$pinned}（assign_to），而不是 {$school}
audit-no-need = 学校 {$school} 没有{$subject}岗位需求
audit-level-mismatch = 教师 {$teacher} { $qualified ->
        [yes] 具备{$teacher_levels}教师资格
       *[no] 任教{$teacher_levels}
    }，但学校 {$school} 的这个岗位属于{$need_levels}（政策 level_match）
audit-over-need = 学校 {$school} 的{$subject}岗位只需{$need}人，这是派往该校的第{$count}名{$subject}教师，超出需求

# 方案中没有列出的已指定交流教师。
audit-missing-assigned = 教师 {$teacher} 已指派到学校 {$school}，但方案中没有该教师
audit-missing-must-rotate = 教师 {$teacher} 标记为 must_rotate，但方案中没有该教师

# 未满足规则的统计单元：位置、统计对象和人数。
audit-no-group = 未分组
audit-place-subject = {$place}，{$subject}
audit-counts-backbone = 交流教师中骨干教师
audit-counts-rotation = 符合条件教师中参加交流的
audit-counts-eligible = 该规则统计的符合条件教师中参加交流的
audit-counts-rotating = 交流教师中符合该规则条件的
audit-counts-staff = 该规则统计的在册教师中参加交流的
audit-unit-short = {$place}：{$counts}{$n}人（共{$d}人）；{$rule} 要求{$required}人（{$share}），还差{$short}人
audit-unit-excess = {$place}：{$counts}{$n}人（共{$d}人）；{$rule} 最多允许{$limit}人（{$share}），超出{$excess}人
audit-principal-no-post = {$teacher} 没有校长或副校长职务，却有一行校长交流记录
audit-principal-not-candidate = 校长 {$teacher} 不能交流：{$reason}
audit-principal-cross-district = 校长 {$teacher} 从 {$from} 交流到 {$to}：校长交流不跨区县
audit-principal-level = 校长 {$teacher} 被派往 {$school}，该校学段与其任教学段不符
audit-principal-vice-not-receiving = 副校长 {$teacher} 被派往 {$school}：该校不是接收学校
audit-principal-double = 学校 {$school} 被安排了两名校长：{$first} 和 {$second}
audit-principal-vacant = 校长 {$teacher} 离开 {$school}，但无人接任
audit-principal-overdue = 校长 {$teacher} 任现职已{$years}年（principal_max_years 为{$max}），却没有交流
