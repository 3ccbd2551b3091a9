# 工作簿（src/report/workbook.rs）和公示名单（src/report/published.rs）。
# HTML 报告的文字在 paper.ftl 中。

# plan.xlsx：`plan` 之后各工作表的名称（`plan` 是方案文件，audit 按此名称查找）。
page-sheet-summary = 汇总
page-sheet-balance = 优质均衡
page-sheet-not-eligible = 不符合条件

# plan.xlsx：汇总、优质均衡和不符合条件三个工作表的列标题。
page-column-backbone-required = 骨干应交流
page-column-backbone-share = 骨干占比
page-column-needs-filled = 已满足岗位需求
page-column-needs-total = 岗位需求总数
page-column-total-distance = 总距离（公里）
page-column-max-leave-share = 单校最高派出比例
page-column-max-leave-school = 派出比例最大的学校
page-column-cvs-not-kept = 未保持的差异系数
page-column-rotation-ratio = 交流比例是否达标（rotation_ratio）
page-column-backbone-share-rule = 骨干比例是否达标（backbone_share）
page-column-harm-status = 优质均衡测算结果
page-column-indicator = 指标
page-column-schools = 学校数
page-column-cv-before = 交流前差异系数
page-column-cv-after = 交流后差异系数
page-column-limit = 限值
page-column-kept = 是否保持
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
published-principals = 校长交流
published-principals-title = {$county}{$year}年义务教育学校校长交流轮岗名单（公示）
published-col-post-from = 原职务
published-col-post-to = 拟任职务

# plan.xlsx（papers.md “The workbook”）：交流名单工作表，audit 按这些表头读取
# （英文下为 plan.csv 的列名，中文下为其别名）。
page-sheet-plan = 交流名单
page-plan-col-teacher = 工号
page-plan-col-name = 姓名
page-plan-col-subject = 学科
page-plan-col-backbone = 是否骨干教师
page-plan-col-from-school = 原单位代码
page-plan-col-to-school = 交流学校代码
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
page-column-key = 配置项
page-column-value = 取值
page-column-source = 来源
page-source-default = 默认值
page-source-file = 政策文件
page-source-command-line = 命令行
page-plan-col-year = 年度
page-plan-col-end-year = 结束年度
page-plan-col-transfer = 是否调动
page-plan-col-pin = 指定方式
page-plan-col-post = 职务
