# 文本报告：表格和 check（src/report/，页面和工作簿除外）。

# 各表格共用的词（plan、audit、indicators、compare）。
report-bounds = 交流人数不少于符合条件教师的{$ratio}，骨干教师不少于交流人数的{$share}
report-year-as-of = {$year}年度，交流条件计算基准日：{$as_of}
report-all = （全部）
report-total = 合计
report-col-district = 区县
report-col-school = 学校
report-col-eligible = 符合条件
report-col-required = 应交流
report-col-rotating = 交流人数
report-col-backbone = 骨干

# 写文件（src/report/mod.rs）。
report-refuse-input = 拒绝写入 {$path}：它是输入文件
report-refuse-not-a-file = 拒绝写入 {$path}：它是{$kind ->
    [folder] 文件夹
   *[other] 设备、管道或套接字
  }，不是文件；请用 --out 指定文件名

# `rotaplan plan` 的表格（src/report/plan.rs）。
report-plan-title = rotaplan plan：{$bounds}，按{$scope}计算
report-plan-scope-district = 区县
report-plan-scope-school = 派出学校
report-plan-scope-group = 教育集团
report-plan-dates = {$year}年度（{$year}-{$next}学年），交流条件计算基准日：{$as_of}
report-plan-col-share = 骨干占比
report-plan-col-needs = 需求满足
report-plan-col-distance = 距离（公里）
report-plan-col-mean = 平均（公里）
report-plan-col-leave = 最大派出比
report-plan-col-status = 状态
report-plan-col-time = 用时（秒）
report-plan-infeasible-cell = 不可行
report-plan-infeasible = 不可行：按这些输入，规则无法满足：
report-plan-may-vary = 注意：设置了运行时间上限（time_limit_seconds 或 balance_time_limit_seconds）：每次运行、每台机器得到的方案可能不同。
report-plan-not-optimal = 注意：方案满足全部规则，但计算达到上限（balance_node_limit 或所设时间上限）后停止，不能确认是最优方案。
report-plan-not-eligible = 派出学校中不符合交流条件的：{$count}人（{$reasons}）；每位教师的情况见 --format json

# `rotaplan audit` 的表格（src/report/audit.rs）；规则各行也显示在
# 方案表格下方。
report-audit-title = rotaplan audit：{$bounds}
report-audit-col-backbone-required = 骨干应交流
report-audit-col-result = 结果
report-pass = 达标
report-fail = 未达标
report-audit-needs-filled = 岗位需求满足：{$filled}/{$total}
report-audit-line = 第{$line}行：{$message}
report-audit-ok = 通过：方案满足全部规则。
report-audit-violations = 未通过：{$n}{ $n ->
        [one] 处违规
       *[other] 处违规
    }
report-rules = 规则：
report-rule-units = {$rule}：{$units}个统计单元中{$pass}个达标

# 方案表格下方和 `rotaplan indicators` 中的优质均衡
# （src/report/indicators.rs）。
report-col-level = 学段
report-balance-plan-title = 优质均衡（差异系数，按学生数加权；交流前 -> 交流后；限值 小学 0.50、初中 0.45；! = 超出限值）：
report-not-kept = 未保持：方案使{$planned}个差异系数中的{$lost}个变差（其中{$newly}个由达标变为未达标）：
report-not-kept-cv = {$district} {$level} {$indicator}：{$before} -> {$after}（限值 {$limit}）{$mark}
# balance = "report" 时：如何保持这些差异系数（一句话分三行，
# 每行在代码中缩进）。
report-keep-advice =
    如要保持，请在政策中设置 balance = "keep" 后重新制定方案：
    凡派入教师会抬高差异系数的岗位需求，将少满足一些；
    用 compare --sweep balance=report,keep 可并排比较两种做法的代价
report-not-kept-all = balance = "{$goal}"：这些均为{$note}
report-not-kept-all-marked = balance = "{$goal}"：这些（*）均为{$note}
report-not-kept-some-marked = balance = "{$goal}"：标 * 的为{$note}；
report-not-kept-others = 其余为{$note}
# 对某个未保持的差异系数的说明（页面和工作簿中也使用）。
report-note-report = 如要保持，请用 balance = "keep" 制定方案（满足的岗位需求会减少）
report-note-proven = 已确认是现行规则下能达到的最低值（规则要求的交流必然使其升高）
report-note-found = 在计算上限（balance_node_limit 或所设时间上限）内找到的最低值，不能确认是否最低（调大上限可能找到更低的值）

# `rotaplan indicators`（src/report/indicators.rs）。
report-indicators-col-name = 学校名称
report-indicators-col-students = 学生数
report-indicators-title = rotaplan indicators：每百名学生拥有教师数{ $planned ->
        [yes] ，交流前 -> 交流后
       *[no] {""}
    }（* = 低于标准：骨干教师1.0，体育艺术教师0.9，高于规定学历教师 小学4.2、初中5.3）
report-indicators-no-education = 学历：未计算，{$file} 中没有 `education`（学历）值
report-indicators-ungraded = 未评估（无学段或无学生数）：{$count}所学校
report-balance-title = 优质均衡（差异系数，按学生数加权；限值 小学 0.50、初中 0.45；! = 超出限值）：

# `rotaplan compare` 的表格（src/report/compare.rs）：列名要短，
# 使一行不超过 80 列；下方是图例。
report-compare-col-scenario = 情景
report-compare-col-status = 状态
report-compare-col-eligible = 符合
report-compare-col-required = 应交
report-compare-col-rotating = 交流
report-compare-col-rotation = 交流%
report-compare-col-backbone = 骨干%
report-compare-col-fill = 满足
report-compare-col-fill-share = 满足%
report-compare-col-km = 公里
report-compare-col-mean = 平均
report-compare-col-leave = 派出%
report-compare-col-cvs = 未保持
report-compare-col-seconds = 秒
report-compare-optimal = 最优
report-compare-time-limit = 上限
report-compare-infeasible = 不可行
report-compare-error = 出错
report-compare-legend =
    状态：最优 = 已确认最优，上限 = 达到计算上限后停止（未确认最优），
    不可行 = 无可行方案，出错 = 计算出错。满足 = 已满足的岗位需求；公里 = 总距离；
    派出% = 单所派出学校符合条件教师中派出的最大比例；未保持 = 未保持的优质均衡
    差异系数个数；秒 = 计算用时（秒）；{"*"} = 已求解情景中的最佳值。
report-compare-balance-title =
    优质均衡：各方案实施后各区县中最大的差异系数；限值 小学 0.50、初中 0.45；
    ! = 超出限值；骨干 = 骨干教师，体艺 = 体育艺术教师，学历 = 高于规定学历教师。
report-compare-backbone = 骨干
report-compare-sports-arts = 体艺
report-compare-education = 学历
report-compare-before = （交流前）

# `rotaplan check`（src/report/check.rs）：其警告（JSON 中也有）。
report-check-totals-skipped = {$file}：跳过{$count}个合计行（合计、总计、小计、Total）
report-check-age-disagrees = {$count}名教师的年龄与出生日期相差超过一年（以日期为准）：{$teachers}
report-check-years-disagree = {$count}名教师的本校任教年限与入校日期相差超过一年（以日期为准）：{$teachers}
report-check-missing = 派出学校有{$count}名教师没有{$what}：{$rule}对其不适用
report-check-no-age = 年龄或出生日期
report-check-age-limit = 年龄上限
report-check-no-sex = 性别
report-check-age-limit-by-sex = 分性别的年龄上限（如设置了 max_age，则按 max_age）
report-check-no-sex-birth = 性别和出生日期
report-check-no-years = 本校任教年限或入校日期
# 正文。
report-check-title = rotaplan check：{$dates}
report-check-sheet = 工作表“{$sheet}”
report-check-sheet-hidden = 工作表“{$sheet}”（已隐藏）
report-check-separated = {$encoding}，{ $separator ->
        [tab] 制表符
        [semicolon] 分号
       *[comma] 逗号
    }分隔
report-check-file-line = {$file}：{$how}，表头在第{$header}行；读取{$rows}行
report-check-file-row = {$file}：{$how}，表头在第{$header}行；读取{$rows}行
report-check-skipped = ；跳过标题行{$title}行、空行{$blank}行、合计行{$totals}行
report-check-columns = 列：{$columns}
report-check-ignored = 忽略：{$columns}
report-check-sheets-read = 已逐表读取（没有与文件同名的工作表）：{$sheets}
report-check-sheets-not-read = 未读取的工作表：{$sheets}
report-check-sheet-use = “{$sheet}”{ $read ->
    [true] （表头在第{$header}行，{$rows}行）
   *[false] （{ $why ->
        [hidden] 已隐藏：隐藏的工作表只有被指定时才读取
        [empty] 空表
       *[no_header] 没有包含必填列的行
    }）
}
report-check-really = 不是 Excel 97-2003 工作簿，而是{ $content ->
    [html] HTML 表格（网页系统下载的、扩展名为 .xls 的文件），按其表格行读取
    [spreadsheetml] SpreadsheetML 2003 XML，按工作簿读取
    [xlsx] 沿用旧扩展名的 .xlsx 工作簿，按 .xlsx 读取
   *[text] 分隔符文本，按 CSV 读取
}
report-check-merged = 已向下填充合并单元格：{$ranges}（区域内每个单元格都取其首个单元格的值）
report-check-counts = {$schools}所学校（派出{$sending}所，接收{$receiving}所），{$teachers}名教师
report-check-levels = 学段：教师 {$teachers}；教师资格 {$certificates}{ $with_needs ->
        [yes] ；岗位需求 {$needs}
       *[no] {""}
    }
report-check-no-certificate = 未填写 {$count}
report-check-derived = 以 {$as_of} 为准推算：年龄取自年龄列{$age}人、出生日期{$birth}人、身份证件号{$from_id}人（每位教师只计一次）；由入校日期推算本校任教年限{$years}人，由参加工作时间推算工龄{$service}人
report-check-eligible = 派出学校中符合交流条件的：{$eligible}人；不符合的：{$ineligible}人{$reasons}
report-check-no-warnings = 无警告
report-check-warnings = 警告（{$count}条）：


# 各命令以表格格式在 stderr 上报告的警告
# （src/report/warnings.rs，fit.md “A rule never switches off in silence”）。
report-warnings-all = {$count ->
        [one] 1条警告
       *[other] {$count}条警告
    }：
report-warnings-first = {$count}条警告（显示前{$shown}条；用 --format json 查看全部）：

# 没有任何有学段的学校填写了学生数时，plan、compare 和 report 的提示
# （fit.md “A rule never switches off in silence”）。
report-balance-not-computed = 未计算优质均衡：有学段的学校都没有在校学生数（schools.csv 的 `students` 列，在校学生数）
indicator-label = { $indicator ->
    [backbone] 骨干教师
    [sports_arts] 体育艺术教师
   *[education] 高于规定学历教师
}

# plan --baseline（papers.md “Objections and changes”）。
report-changes-title = 与基准方案 {$file} 相比，变动{$count}人
report-changes-col-teacher = 工号
report-changes-col-before = 原交流学校
report-changes-col-after = 现交流学校
report-changes-col-reason = 原因
report-changes-none = （无）
report-change-reason = { $reason ->
    [unknown_teacher] 花名册中已无此人
    [need_gone] 该校已无该教师可填补的岗位需求
    [pinned] 花名册中已指定（指定交流学校或必须交流）
    [rules] 为满足交流规则所必需
   *[other] 已不符合交流条件（{$reason}）
}

# rotaplan explain（papers.md “Objections and changes”）。
report-explain-teacher = {$teacher} {$name}，{$school}
report-explain-eligible = 符合交流条件
report-explain-not-eligible = 不符合交流条件，原因：
report-explain-rotates = 方案安排该教师到 {$school} 交流
report-explain-stays = 方案未安排该教师交流
report-explain-alternative = { $kind ->
    [without] 不安排该教师时的最优方案：
   *[pinned] 指定该教师交流时的最优方案：
}
report-explain-infeasible = 这样无法满足全部规则
report-explain-col-figure = 指标
report-explain-col-plan = 本方案
report-explain-col-alternative = 替代方案
report-explain-needs-filled = 已满足需求
report-explain-distance = 总距离（公里）
report-explain-cvs-kept = 保持的优质均衡差异系数
report-explain-margin = {$rule}（{$place}）的余量
report-explain-changes = 交流去向会改变的教师：{$count}名
report-explain-priority = 优先顺序 {$stage}：{$value}

report-horizon-title = {$first}—{$last}年共{$years}个学年的交流轮岗：每年在上一年的基础上编制
report-horizon-col-year = 年度
report-horizon-col-as-of = 计算基准日
report-horizon-col-returns = 期满返回
report-horizon-col-cvs-kept = 保持的差异系数
report-horizon-col-feasible = 可行
report-horizon-feasible = { $feasible ->
    [true] 是
   *[other] 否
}
report-horizon-coverage = 覆盖情况：至少一年符合条件的{$eligible}名教师中，{$rotated}人至少交流一次（{$share}%），{$never}人从未交流。
report-horizon-first-infeasible = 第一个无可行方案的年度：{$year}（该年无人交流，之后各年照常编制）：
report-principals-title = 校长交流：共{$moves}人次，{$sequences}条链或环
report-principal-move = {$from}{$post} {$name}（{$teacher}）→ {$to}校长
# 一条链或环：类别，各步之间的分隔。
report-principal-sequence = {$kind}：{$steps}
report-principal-then = ，
report-principal-chain = 链
report-principal-cycle = 环
report-principal-stuck = 任期已满但不交流：{$school}{$post} {$name}（{$teacher}）：{$reason}
