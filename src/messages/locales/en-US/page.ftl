# The workbook (src/report/workbook.rs) and the published list (src/report/published.rs).
# The HTML report's texts are in paper.ftl.

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
published-principals = 校长交流
published-principals-title = {$county}{$year}年义务教育学校校长交流轮岗名单（公示）
published-col-post-from = 原职务
published-col-post-to = 拟任职务

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
page-plan-col-year = year
page-plan-col-end-year = end_year
page-plan-col-transfer = transfer
page-plan-col-pin = pin
page-plan-col-post = post
