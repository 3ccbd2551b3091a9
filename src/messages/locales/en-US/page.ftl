# The HTML report, its SVG charts and the workbook (src/report/html.rs, svg.rs, workbook.rs).
# The page is Chinese first, English beside it: each text carries both.

# report.html: the window's title, the heading and the line under it.
page-title = 交流轮岗方案报告
page-heading = 教师交流轮岗方案报告
page-heading-english = Teacher rotation plan report
page-policy = 方案 plan: {$plan} · 政策 policy: 交流比例 ≥ {$ratio} of eligible, 骨干比例 ≥ {$backbone} of rotating, per {$scope} · 年度 plan year {$year} · as of {$as_of} · rotaplan {$version}

# report.html: the unit the rules count in (`scope`), in the line under the heading.
page-scope-district = district 区县
page-scope-school = sending school 派出学校
page-scope-group = education group 教育集团

# report.html: a rule's or a CV's verdict (summary, rules and balance tables).
page-pass = 达标 pass
# Under the charts when no graded school has students (fit.md).
page-balance-not-computed = 未计算优质均衡差异系数：有学段的学校均未填写在校学生数。 quality balance not computed: no school with a level has students (schools.csv `students`, 在校学生数)
page-fail = 未达标 FAIL

# report.html: the summary's heading and cards.
page-summary = 总体情况 Summary
page-eligible-teachers = 符合条件教师 eligible
page-rotating-teachers = 交流教师 rotating
page-backbone-teachers = 骨干教师 backbone
page-needs-filled = 需求满足 needs filled
page-verdict = every rule 全部规则
page-cvs-kept = 优质均衡 CVs kept

# report.html: headings of the tables (rules, balance, flows; the summary's card `required` too).
page-district = 区县 district
page-school = 学校 school
page-eligible = 符合条件 eligible
page-required = 应交流 required
page-rotating = 交流 rotating
page-backbone = 骨干 backbone
page-backbone-required = 骨干应有 backbone required
page-result = 结果 result

# report.html and plan.xlsx: the district of a county planned as one.

# report.html: the rules section, and the violations under it.
page-rules = 规则检查 Rules
page-rules-met = 方案满足全部规则。The plan meets every rule.
page-violations = {$count} 处违规 violations:
page-violation-rule = rule
page-violation-line = line
page-violation-message = message

# report.html: the charts, and the caption of one that shows only the lowest bars.
page-sending = 各派出学校交流比例 Share rotating per sending school
page-sending-chart = 交流教师 / 符合条件教师 rotating / eligible
page-needs = 各乡村学校需求满足 Need filled per rural school
page-needs-chart = 已满足 / 需求 filled / need
page-chart-cut = showing the {$shown} lowest of {$total}

# report.html: the quality-balance section (its table, then a note on the CVs not kept).
page-balance = 优质均衡指标 Quality balance
page-balance-intro = 差异系数 (coefficient of variation, weighted by students) per district and level, before and after the plan; limit 0.50 小学, 0.45 初中.
page-level = 学段 level
page-indicator = 指标 indicator
page-schools = 学校 schools
page-before = 之前 before
page-after = 之后 after
page-limit = 限值 limit
page-kept = 保持 kept
page-not-kept = 未保持 NOT kept

# report.html: under the balance table, the CVs not kept and what to know of them.
page-balance-not-kept = {$count} { $count ->
        [one] CV
       *[other] CVs
    } not kept (未保持): {$how}.
page-balance-keep-how = to keep them, plan with balance = "keep" (fewer places of need filled); a plan made with it says in its table and JSON (harm_status) whether those it does not keep are {$proven}
page-balance-goal-how = under balance = "{$goal}" each is {$proven} where the plan's harm_status is optimal, else {$unproven}

# report.html: the flows section.
page-flows = 交流流向 Flows ({$count} 条 pairs)
page-from = 派出学校 from
page-to = 接收学校 to
page-teachers = 人数 teachers
page-subjects = 学科 subjects

# plan.xlsx: the names of the sheets after `plan` (a plan file, whose name audit looks for).
page-sheet-summary = summary
page-sheet-balance = balance
page-sheet-not-eligible = not eligible

# plan.xlsx: the headings of the sheets summary, balance and not eligible.
page-column-backbone-required = backbone_required
page-column-backbone-share = backbone_share
page-column-needs-filled = needs_filled
page-column-needs-total = needs_total
page-column-total-distance = total_distance_km
page-column-max-leave-share = max_leave_share
page-column-max-leave-school = max_leave_school
page-column-cvs-not-kept = cvs_not_kept
page-column-rotation-ratio = rotation_ratio
page-column-backbone-share-rule = backbone_share_rule
page-column-harm-status = harm_status
page-column-indicator = indicator
page-column-schools = schools
page-column-cv-before = cv_before
page-column-cv-after = cv_after
page-column-limit = limit
page-column-kept = kept
page-column-note = note
page-column-teacher = teacher
page-column-school-name = school_name
page-column-subject = subject
page-column-reason = reason
page-column-detail = detail

# plan.xlsx, sheet summary: a rule's result.

# The published list (公示名单, papers.md "The published list"): a Chinese
# public notice in either language, the same words under en and zh, which
# `audit` reads back (姓名, 原单位, 交流学校 are plan-column aliases).
published-title = {$county}{$year}年义务教育学校教师交流轮岗名单（公示）
published-sheet = 公示名单
published-col-number = 序号
published-col-teacher = 工号
published-col-name = 姓名
published-col-sex = 性别
published-col-from = 原单位
published-col-to = 交流学校
published-col-level = 学段
published-col-subject = 学科
published-col-backbone = 骨干教师
published-col-term = 交流期限
published-transfer = 调动
published-footer = &C第 &P 页，共 &N 页

# plan.xlsx (papers.md "The workbook"): the plan sheet, whose headings
# `audit` reads (plan.csv's columns under en, their aliases under zh).
page-sheet-plan = plan
page-plan-col-teacher = teacher
page-plan-col-name = name
page-plan-col-subject = subject
page-plan-col-backbone = backbone
page-plan-col-from-school = from_school
page-plan-col-to-school = to_school
page-plan-col-distance-km = distance_km
page-plan-col-district = district
page-plan-col-backbone-level = backbone_level
page-plan-col-from-school-name = from_school_name
page-plan-col-to-school-name = to_school_name
page-plan-col-preference-rank = preference_rank
# A boolean cell under zh (under en the workbook writes TRUE/FALSE).
page-yes = yes
page-no = no
# The sheet of the policy in force.
page-sheet-policy = policy
page-column-key = key
page-column-value = value
page-column-source = source
page-source-default = default
page-source-file = policy file
page-source-command-line = command line
