# HTML 报告（src/report/html.rs、svg.rs；papers.md “The report”）：
# 页面上的全部文字，只用所选语言。

# 窗口标题和页面标题：县（数据中唯一的区县）和方案年度；数据含多个区县时写区县数。
paper-title = {$county}{$year}年教师交流轮岗方案报告
paper-title-districts = {$year}年教师交流轮岗方案报告（{$count}个区县）
paper-policy = 方案：{$plan} · 政策：交流轮岗人数不少于符合交流条件教师总数的{$ratio}，其中骨干教师不少于交流总数的{$backbone}，按{$scope}计算 · {$year}年度 · 交流条件计算基准日：{$as_of} · rotaplan {$version}
paper-scope-district = 区县
paper-scope-school = 派出学校
paper-scope-group = 教育集团

# 规则或差异系数的结论。
paper-pass = 达标
paper-fail = 未达标

# 总体情况的标题和卡片。
paper-summary = 总体情况
paper-eligible-teachers = 符合交流条件教师
paper-required = 应交流人数
paper-rotating-teachers = 交流教师
paper-backbone-teachers = 骨干教师
paper-needs-filled = 已满足岗位需求
paper-verdict = 规则检查结果
paper-cvs-kept = 差异系数保持情况
paper-rows-not-counted = 不计入的方案行

# 规则检查部分。
paper-rules = 规则检查
paper-district = 区县
paper-school = 学校
paper-group = 教育集团
paper-eligible = 符合交流条件
paper-rotating = 交流人数
paper-backbone = 骨干教师
paper-backbone-required = 骨干教师应交流人数
paper-result = 结果
paper-rules-met = 方案满足全部规则。
paper-breaches = { $count ->
        [one] {$count}项规则未满足：
       *[other] {$count}项规则未满足：
    }
paper-rule = 规则
paper-what = 问题

# 违反规则的方案行，单独列出。
paper-rows = 不计入的方案行
paper-rows-intro = { $count ->
        [one] 方案中有{$count}行违反规则，单独列于此处；本页其他部分（总体情况、规则检查、图表、交流流向图、交流流向表、公示名单）均未计入这些行。
       *[other] 方案中有{$count}行违反规则，单独列于此处；本页其他部分（总体情况、规则检查、图表、交流流向图、交流流向表、公示名单）均未计入这些行。
    }
paper-line = 行号
paper-teacher = 工号
paper-name = 姓名
paper-to-school = 接收学校

# 图表，以及只显示最低几项时图表的说明。
paper-sending = 各派出学校交流比例
paper-sending-chart = 交流教师 / 符合交流条件教师
paper-needs = 各接收学校岗位需求满足情况
paper-needs-chart = 已满足 / 岗位需求数
paper-chart-cut = 仅显示比例最低的{$shown}所学校（共{$total}所）

# 优质均衡部分。
paper-balance = 优质均衡指标
paper-balance-intro = 各区县小学、初中交流前后的校际差异系数（按学生数加权）；限值：小学0.50，初中0.45。“保持”指：交流前未超过限值的，交流后仍未超过；交流前已超过的，交流后不再升高。
paper-balance-not-computed = 未计算优质均衡差异系数：有学段的学校均未填写在校学生数（schools.csv 的 `students` 列）
paper-level = 学段
paper-level-name = { $level ->
        [primary] 小学
       *[junior] 初中
    }
paper-indicator = 指标
paper-schools = 学校数
paper-before = 交流前
paper-after = 交流后
paper-limit = 限值
paper-kept-heading = 是否保持
paper-kept = 保持
paper-not-kept = 未保持
paper-balance-not-kept = { $count ->
        [one] {$count}个差异系数未保持
       *[other] {$count}个差异系数未保持
    }：{$how}。
paper-balance-keep-how = 如要保持，可在政策中设 balance = "keep" 后重新制定方案（满足的岗位需求会减少）
paper-balance-goal-how = 方案按 balance = "{$goal}" 制定：如计算已确认最优，这些已是现行规则下能达到的最低值；否则最优性未经证明：可放宽计算时间后重算，差异系数或能更低

# 交流流向图。
paper-map = 交流流向图
paper-map-caption = {$district}：{$schools}所学校，{$pairs}条流向，{$teachers}名教师
paper-map-sending = 派出学校
paper-map-receiving = 接收学校
paper-map-both = 既派出又接收
paper-map-teachers = {$count}人
paper-map-flow = {$from} → {$to}：{$count}人
paper-map-none = 未绘制流向图：schools.csv 中流向所涉学校均无经纬度（lat、lon 列）。
paper-map-missing = 以下学校在 schools.csv 中无经纬度（lat、lon），未画在图上：{$schools}。

# 流向表。
paper-flows = 交流流向表（共{$count}条流向）
paper-from = 派出学校
paper-to = 接收学校
paper-teachers = 人数
paper-subjects = 学科

# 公示名单一节：名单本身在两种语言下都是中文（papers.md “The published list”）。
paper-published = 公示名单
paper-published-intro = 按接收学校分组，与公示时所用名单相同。

# report --baseline（papers.md “Objections and changes”）。
paper-changes = 与公示方案相比的变动
paper-changes-intro = 与 {$file} 相比，共{$count}名教师的交流去向有变动（改派、取消或新增）。
paper-changes-col-teacher = 工号
paper-changes-col-name = 姓名
paper-changes-col-before = 原交流学校
paper-changes-col-after = 现交流学校
paper-changes-col-reason = 原因

# 今后几年（report --horizon）。
paper-horizon = 今后几年的交流轮岗
paper-horizon-intro = 来自 {$file}：{$first}—{$last}年共{$years}个学年，每年在上一年结果的基础上按 plan 的方式编制（延续期满返回、冷却期和退休）。
paper-horizon-col-year = 年度
paper-horizon-col-needs = 需求满足
paper-horizon-col-returns = 期满返回
paper-horizon-col-cvs = 未保持的差异系数
paper-horizon-col-feasible = 规则
paper-horizon-first-infeasible = {$year}年是第一个无法满足规则的年度：该年无人交流。

# 校长交流（principals.md “The plan”）。
paper-principals = 校长交流
paper-principals-intro = 方案中职务为校长的{$moves}条记录，组成{$sequences}条链或环。链的终点是原本空缺的校长岗位；环中每位校长接任下一位的岗位。
