# HTML 报告、其中的 SVG 图表和工作簿（src/report/html.rs、svg.rs、workbook.rs）。
# 英文版页面中英对照；本中文版只用中文。

# report.html：窗口标题、页面标题及其下方的说明行。
page-title = 交流轮岗方案报告
page-heading = 教师交流轮岗方案报告
page-heading-english = {""}
page-policy = 方案：{$plan} · 政策：交流比例 ≥ 符合条件教师的 {$ratio}，骨干比例 ≥ 交流教师的 {$backbone}，按{$scope}计算 · 方案年度 {$year} · 交流资格核定截至 {$as_of} · rotaplan {$version}

# report.html：规则的统计单元（`scope`），用在标题下方的说明行中。
page-scope-district = 区县
page-scope-school = 派出学校
page-scope-group = 教育集团

# report.html：规则或差异系数的结论（总体情况、规则和优质均衡表格）。
page-pass = 达标
# 没有任何有学段的学校填写了学生数时，显示在图表下方（fit.md）。
page-balance-not-computed = 未计算优质均衡差异系数：有学段的学校均未填写在校学生数（schools.csv 的 `students` 列，在校学生数）。
page-fail = 未达标

# report.html：总体情况的标题和卡片。
page-summary = 总体情况
page-eligible-teachers = 符合条件教师
page-rotating-teachers = 交流教师
page-backbone-teachers = 骨干教师
page-needs-filled = 需求满足
page-verdict = 全部规则
page-cvs-kept = 优质均衡差异系数保持

# report.html：各表格的列标题（规则、优质均衡、流向；总体情况中的“应交流”卡片也用）。
page-district = 区县
page-school = 学校
page-eligible = 符合条件
page-required = 应交流
page-rotating = 交流人数
page-backbone = 骨干
page-backbone-required = 骨干应交流
page-result = 结果

# report.html 和 plan.xlsx：整个县作为一个整体制定方案时的区县。

# report.html：规则部分及其下方的违规记录。
page-rules = 规则检查
page-rules-met = 方案满足全部规则。
page-violations = 违规{$count}处：
page-violation-rule = 规则
page-violation-line = 行号
page-violation-message = 说明

# report.html：图表，以及只显示最低几项时图表的说明。
page-sending = 各派出学校交流比例
page-sending-chart = 交流教师 / 符合条件教师
page-needs = 各乡村学校需求满足情况
page-needs-chart = 已满足 / 需求
page-chart-cut = 显示最低的{$shown}项（共{$total}项）

# report.html：优质均衡部分（表格，以及关于未保持的差异系数的说明）。
page-balance = 优质均衡指标
page-balance-intro = 各区县、各学段交流前后的差异系数（按学生数加权）；限值 小学 0.50、初中 0.45。
page-level = 学段
page-indicator = 指标
page-schools = 学校数
page-before = 交流前
page-after = 交流后
page-limit = 限值
page-kept = 保持
page-not-kept = 未保持

# report.html：优质均衡表格下方，未保持的差异系数及相关说明。
page-balance-not-kept = {$count}{ $count ->
        [one] 个差异系数
       *[other] 个差异系数
    }未保持：{$how}。
page-balance-keep-how = 如要保持，请用 balance = "keep" 制定方案（满足的岗位需求会减少）；用它制定的方案会在表格和 JSON（harm_status）中说明未保持的差异系数是否为{$proven}
page-balance-goal-how = 在 balance = "{$goal}" 下，方案的 harm_status 为 optimal 时，每个均为{$proven}；否则为{$unproven}

# report.html：流向部分。
page-flows = 交流流向（{$count}条）
page-from = 派出学校
page-to = 接收学校
page-teachers = 人数
page-subjects = 学科

# plan.xlsx：`plan` 之后各工作表的名称（`plan` 是方案文件，audit 按此名称查找）。
page-sheet-summary = 汇总
page-sheet-balance = 优质均衡
page-sheet-not-eligible = 不符合条件

# plan.xlsx：汇总、优质均衡和不符合条件三个工作表的列标题。
page-column-backbone-required = 骨干应交流
page-column-backbone-share = 骨干占比
page-column-needs-filled = 已满足需求
page-column-needs-total = 需求总数
page-column-total-distance = 总距离（公里）
page-column-max-leave-share = 最大派出比例
page-column-max-leave-school = 派出比例最大的学校
page-column-cvs-not-kept = 未保持的差异系数
page-column-rotation-ratio = 交流比例（rotation_ratio）
page-column-backbone-share-rule = 骨干比例（backbone_share）
page-column-harm-status = 均衡求解状态（harm_status）
page-column-indicator = 指标
page-column-schools = 学校数
page-column-cv-before = 交流前差异系数
page-column-cv-after = 交流后差异系数
page-column-limit = 限值
page-column-kept = 保持
page-column-note = 说明
page-column-teacher = 工号
page-column-school-name = 学校名称
page-column-subject = 学科
page-column-reason = 原因
page-column-detail = 详情

# plan.xlsx，汇总工作表：规则的结果。

# 公示名单（papers.md “The published list”）：在两种语言下都是同一份中文公示，
# audit 可以读回（姓名、原单位、交流学校是方案列的别名）。
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

# plan.xlsx（papers.md “The workbook”）：交流名单工作表，audit 按这些表头读取
# （英文下为 plan.csv 的列名，中文下为其别名）。
page-sheet-plan = 交流名单
page-plan-col-teacher = 工号
page-plan-col-name = 姓名
page-plan-col-subject = 学科
page-plan-col-backbone = 骨干教师
page-plan-col-from-school = 原单位
page-plan-col-to-school = 交流学校
page-plan-col-distance-km = 距离（公里）
page-plan-col-district = 区县
page-plan-col-backbone-level = 骨干级别
page-plan-col-from-school-name = 原单位名称
page-plan-col-to-school-name = 交流学校名称
page-plan-col-preference-rank = 志愿顺序
# 中文下的是否单元格（英文下工作簿写 TRUE/FALSE）。
page-yes = 是
page-no = 否
# 现行政策工作表。
page-sheet-policy = 政策
page-column-key = 政策项
page-column-value = 取值
page-column-source = 来源
page-source-default = 默认值
page-source-file = 政策文件
page-source-command-line = 命令行
