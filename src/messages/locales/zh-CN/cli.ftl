# 命令行（src/cli.rs、src/cmd/、src/generate/、src/progress.rs）。

## 错误在 stderr 上的显示方式。
cli-error = rotaplan: {$message}

## rotaplan --help
cli-about = 制定、比较和审核县域教师年度交流轮岗方案
cli-long-about =
    rotaplan 读取县域教师花名册和乡村学校的岗位需求，制定从城区学校和优质学校到乡村学校的年度交流轮岗方案：交流人数不少于符合交流条件教师的 10%，交流教师中骨干教师不少于 20%，同时尽可能多地满足乡村学校的岗位需求，并尽量缩短交通距离。

    退出状态：0 成功，1 审核发现违规，2 输入或调用有误，3 按现有输入数据无法满足政策要求，4 求解器内部故障。

## 命令列表中每个命令的说明，及其 --help 下的示例。
cli-plan-about = 制定交流方案：写入 plan.csv，并按区县输出汇总
cli-plan-after-help =
    示例：
      rotaplan plan data/sample-county
      rotaplan plan data/sample-county --ratio 0.12 --out plan-12.csv
      rotaplan plan data/sample-county --policy examples/school.toml --format json
cli-audit-about = 按全部规则审核方案（由 rotaplan 生成或手工编制）；有违规时退出码为 1
cli-audit-after-help =
    示例：
      rotaplan audit data/sample-county --plan plan.csv
      rotaplan audit data/sample-county --plan 手工方案.csv --ratio 0.12 --format json

    方案只需 teacher 和 to_school 两列（工号、交流学校），也可用 name 和 from_school（姓名、原单位）或 id_card（身份证件号）代替 teacher；其余信息从数据集中查找。
cli-compare-about = 并行制定多个政策情景的方案，并排比较
cli-compare-after-help =
    示例：
      rotaplan compare data/sample-county examples/twelve.toml examples/school.toml
      rotaplan compare data/sample-county --sweep min_rotation_ratio=0.10,0.12,0.14
      rotaplan compare data/sample-county --sweep min_rotation_ratio=0.1,0.12 --sweep scope=district,school --format csv
      rotaplan compare data/sample-county examples/twelve.toml --out-dir plans/

    各行依次为：基准（默认值或 --policy）；叠加在基准上的各情景文件；--sweep 各取值的每一种组合。情景文件就是政策文件，可另加 `name = "..."`。
cli-indicators-about = 显示各校的优质均衡指标及各区县的差异系数，可对比方案实施前后
cli-indicators-after-help =
    示例：
      rotaplan indicators data/sample-county
      rotaplan indicators data/sample-county --plan plan.csv
      rotaplan indicators data/sample-county --plan plan.csv --format json

    对有学段且有学生数的每所学校：骨干教师（每百名学生 >= 1.0）、体育艺术教师（体育、音乐、美术；>= 0.9）和高于规定学历教师（teachers.csv 的 education / 学历 列；小学 大专及以上 >= 4.2，初中 本科及以上 >= 5.3）。对每个区县、每个学段：上述各项按学生数加权的差异系数，限值 小学 0.50、初中 0.45。使用 --plan 时，每名交流教师计入接收学校。
cli-report-about = 生成方案的单文件 HTML 报告（无需联网）：汇总、规则、图表、流向、指标
cli-report-after-help =
    示例：
      rotaplan report data/sample-county --plan plan.csv
      rotaplan report data/sample-county --plan plan.xlsx --out 2026交流方案.html

    页面无需联网：样式和 SVG 图表均内嵌在页面中，不含脚本。规则由与 `rotaplan audit` 相同的独立审核程序检查。
cli-check-about = 说明从每个文件读取了什么、推算和跳过了什么，以及需要注意什么
cli-check-after-help =
    示例：
      rotaplan check data/sample-county
      rotaplan check data/sample-county --policy examples/policy.toml --format json

    按 `plan` 的方式读取数据集，但不制定方案：逐个文件列出编码、分隔符或工作表、表头行、使用的列（原表头 -> 字段）和忽略的列、读取和跳过的行（标题行、空行、合计行）；按 as_of 由日期推算的年龄和年限；符合交流条件的教师，以及按原因分列的其他教师；警告（如设置了 max_age_female 但教师没有性别）。数据集能载入时退出码为 0，输入有误时为 2。
cli-generate-about = 按随机种子生成模拟数据集（县、市或省规模；easy 或 hard 形态）
cli-generate-after-help =
    示例：
      rotaplan generate --size county --seed 1 --out data/sample-county
      rotaplan generate --size city --seed 7 --out city
      rotaplan generate --size county --shape hard --seed 1 --out hard-county

## 所有读取数据集的命令都接受的选项。
cli-arg-dir = 包含 schools.csv、teachers.csv、needs.csv 以及可选的 preferences.csv、history.csv 的文件夹
cli-arg-schools = 用于代替文件夹中同名文件的 schools.csv
cli-arg-teachers = 用于代替文件夹中同名文件的 teachers.csv
cli-arg-needs = 用于代替文件夹中同名文件的 needs.csv
cli-arg-preferences = 用于代替文件夹中同名文件的 preferences.csv
cli-arg-history = 用于代替文件夹中同名文件的 history.csv
cli-arg-policy = 政策文件（TOML）；不指定时采用内置的默认值
cli-arg-ratio = 符合交流条件教师中参加交流的最低比例，如 0.10 或 10%
cli-arg-backbone-share = 交流教师中骨干教师的最低比例，如 0.20
cli-arg-scope = 按区县、按派出学校或按教育集团（schools.csv 的 group 列）计算比例
cli-arg-plan-year = 交流开始的年份（政策配置项 plan_year；默认为下一个9月1日所在的年份，如2026年12月运行时为2027）：除非政策设置了 as_of，否则以当年8月31日为基准计算交流条件
cli-arg-level-match = 哪些教师可以填补某一学段的岗位需求：same（教师任教该学段；默认）、qualified（其教师资格涵盖该学段）或 any（政策配置项 level_match）
cli-arg-improve-indicators = 满足岗位需求后，优先选择使乡村学校达到优质均衡骨干教师和体育艺术教师标准的方案（政策配置项 improve_indicators）
cli-arg-format = 以表格或单个 JSON 对象输出报告

## 各命令自己的选项。
cli-plan-arg-out = 方案的写入位置：CSV；文件名以 .xlsx 结尾时写为工作簿（工作表：交流名单、汇总、优质均衡、不符合条件、政策、公示名单；英文下为 plan 等）
cli-plan-arg-format = 以表格或单个 JSON 对象输出汇总
cli-audit-arg-plan = 要审核的方案（UTF-8 或 GBK 编码的 CSV，或工作簿：.xlsx、.xls、.ods）
cli-compare-arg-scenarios = 情景文件：可带 `name` 的政策文件（TOML）
cli-compare-arg-sweep = 一个政策配置项及要尝试的取值；多个 --sweep 选项取其组合
cli-compare-arg-format = 对齐的表格（80 列）、CSV 或 JSON
cli-compare-arg-out-dir = 把每个已求解情景的方案写入 DIR/<scenario>.csv，供之后审核
cli-indicators-arg-plan = 一个方案（CSV 或工作簿；含 teacher 和 to_school），用于显示方案实施后的指标
cli-report-arg-plan = 要生成报告的方案（CSV 或工作簿）
cli-report-arg-out = 页面的写入位置
cli-check-arg-format = 以文本或单个 JSON 对象输出报告
cli-generate-arg-size = county（1 个区县，约 5,000 名教师）、city（10 个区县，约 60,000 名）或 province（100 个区县，约 600,000 名）
cli-generate-arg-shape = easy（乡村岗位需求可充裕满足：即自带的样例）或 hard（形态同 tests/cases/hard-county：部分需求任何方案都无法满足，且有一些乡村小规模学校，满足其需求反而降低均衡度）
cli-generate-arg-seed = 随机数生成器的种子：相同的种子生成相同的文件
cli-generate-arg-out = 写入 CSV 文件的文件夹
cli-generate-arg-force = 替换文件夹中已有的数据集文件（不加此选项时，文件夹中只要有其中任一文件就拒绝写入）
cli-generate-would-replace = {$folder} 中已有 {$file}：请用 --out 指定新文件夹，或用 --force 替换其中的数据集文件

## 命令完成时输出的内容。
cli-plan-written = {$file}：已写入{$count}条交流记录{ $principals ->
    [0] {""}
   *[other] 和{$principals}条校长交流记录
}{ $replaced ->
    [true] （替换了原有文件）
   *[false] {""}
}
cli-plan-failed-audit = 方案未通过独立审核（{$count}处违规；第一处：{$rule}：{$message}）
cli-report-written = {$file}：已生成含{$count}条交流记录的报告（{$verdict}）
cli-report-meets-rules = 方案满足全部规则
cli-report-breaks-rules = 方案违反规则：详见报告页面
cli-generate-written = {$folder}：{$districts}个区县，{$schools}所学校，{$teachers}名教师，{$needs}条岗位需求（{$places}个岗位）
cli-standard-output = 标准输出

## generate 的取值。
cli-compare-same-file = 情景“{$first}”和“{$second}”都会在 --out-dir 中写入 {$file}：请为其中一个另取 `name`
cli-generate-unknown-size = 未知的数据集规模“{$size}”：应为 county、city、province 之一
cli-generate-unknown-shape = 未知的数据集形态“{$shape}”：应为 easy、hard 之一

## 进度条的步骤。
cli-progress-districts = 区县
cli-progress-scenarios = 情景
cli-arg-lang = 所有文字的语言：zh（中文）或 en（英文）。不写时按环境变量 ROTAPLAN_LANG，再按系统语言（zh* 为中文），否则为英文
cli-arg-bom = CSV 文件开头是否写入 UTF-8 字节顺序标记（BOM），使 Excel 和 WPS 正确显示中文：true（默认）或 false
cli-heading-usage = 用法：
cli-heading-arguments = 参数
cli-heading-options = 选项
cli-heading-commands = 命令
cli-arg-help = 显示帮助
cli-arg-version = 显示版本

## rotaplan publish（papers.md “The published list”）。
cli-publish-about = 生成方案的公示名单（xlsx、csv 或 html）；方案违反规则时拒绝生成（退出码 1）
cli-publish-after-help =
    示例：
      rotaplan publish data/sample-county --plan plan.csv --out 公示名单.xlsx
      rotaplan publish data/sample-county --plan plan.csv --out 公示名单.html --by from --note "公示期：5个工作日。联系电话：0000-0000000"
      rotaplan publish data/sample-county --plan plan.csv --out list.csv --with-id

    每名交流教师一行：序号、姓名、性别、原单位、交流学校、学段、学科、骨干教师、交流期限，标题为“{"{"}区县{"}"}{"{"}plan_year{"}"}年义务教育学校教师交流轮岗名单（公示）”。名单不显示身份证件号；只有使用 --with-id 时才显示工号。生成前先审核方案：违反规则时输出违规情况，不写入任何文件。
cli-publish-arg-plan = 要公示的方案（plan.csv、plan.xlsx 或手工方案，读取方式与 audit 相同）
cli-publish-arg-out = 名单的写入位置：以 .xlsx、.csv 或 .html 结尾的文件
cli-publish-arg-by = 按接收学校（to）或派出学校（from）分组排列
cli-publish-arg-with-id = 增加“工号”列
cli-publish-arg-title = 整行标题，代替“区县+年份+交流轮岗名单（公示）”
cli-publish-arg-note = 名单下方的结尾说明（公示期限和联系方式）
cli-publish-extension = {$file}：名单只能写成 .xlsx、.csv 或 .html 文件，请使用其中一种扩展名
cli-publish-refused = {$file}：未写入：方案违反规则（{$count}处违规），请修改方案后再公示
cli-publish-written = {$file}：已生成{$count}名教师{ $principals ->
    [0] {""}
   *[other] 和{$principals}名校长（校长交流）
}的公示名单
cli-plan-arg-baseline = 作为基准的已公示方案（公示异议后调整）：在满足规则的前提下首先使变动的人数最少，再按通常目标优化；逐条列出变动及原因
cli-explain-about = 说明某名教师为何交流或不交流，以及如果改变会对方案有何影响
cli-explain-after-help =
    示例：
      rotaplan explain data/sample-county --plan plan.csv --teacher T0000002
      rotaplan explain data/sample-county --plan plan.csv --teacher T0000010 --format json

    列出成立的全部交流资格原因（不只第一条）、方案安排的去向，以及不安排该教师（若其交流）或指定其交流（若其符合条件而未交流）时的最优方案，与本方案并列比较：已满足需求、总距离、各规则的余量、保持的优质均衡差异系数，以及交流去向会改变的教师。
cli-explain-arg-plan = 方案（plan.csv、plan.xlsx 或手工方案，读取方式与 audit 相同）
cli-explain-arg-teacher = 教师工号
cli-report-arg-baseline = 本方案所替代的已公示方案（公示异议后调整）：页面逐条列出交流去向有变动的教师及原因

## 命令行错误（英文下使用 clap 自己的提示；中文下显示以下译文）。
cli-parse-unknown-argument = 无法识别的参数“{$argument}”{ $suggests ->
    [no] {""}
   *[yes] （是否要用“{$suggested}”？）
}；`rotaplan --help` 列出全部命令，`rotaplan 命令 --help` 列出该命令的选项
cli-parse-unknown-command = 没有“{$command}”这个命令{ $suggests ->
    [no] {""}
   *[yes] （是否要用“{$suggested}”？）
}；`rotaplan --help` 列出全部命令
cli-parse-invalid-value = “{$argument}”的取值“{$value}”无效{ $lists ->
    [no] {""}
   *[yes] ：可选值为 {$allowed}
}
cli-parse-missing-argument = 缺少：{$arguments}；用 `--help` 查看该命令的用法
cli-parse-missing-command = 未指定命令；`rotaplan --help` 列出全部命令
cli-parse-value-missing = “{$argument}”后缺少取值
cli-parse-conflict = “{$argument}”不能与“{$other}”同时使用

## 选项说明后的提示：可选值和默认值。
cli-hint-values = [可选值：{$values}]
cli-hint-default = [默认：{$value}]

cli-horizon-about = 规划今后几年：逐年按 plan 的方式编制方案，并延续返回、冷却期和退休
cli-horizon-after-help =
    示例：
      rotaplan horizon data/sample-county --years 5 --plan-year 2026
      rotaplan horizon data/sample-county --years 5 --plan-year 2026 --out-dir horizon
      rotaplan horizon data/sample-county --years 3 --policy examples/programme.toml --format json

    每一年都按 plan 在当年数据上的方式编制：年龄和本校任教年限逐年加一，到达退休日期的教师不再列入，之前各年的方案作为交流记录（期限、期满返回、调动、冷却期）。使用 --out-dir 时，文件夹中为每一年写入 plan-Y.csv 和 data-Y/（学校、教师、需求、交流记录、policy.toml），另写 horizon.csv；`rotaplan plan DIR/data-Y --policy DIR/data-Y/policy.toml` 可重新得到 plan-Y.csv。某一年无可行方案时（该年无人交流，之后各年照常编制）退出码为 3。
cli-horizon-arg-years = 从方案年度起规划的学年数（1 到 10）
cli-horizon-arg-out-dir = 写入每年的 plan-Y.csv、data-Y/ 文件夹以及 horizon.csv 的文件夹（不存在时自动创建；也可写作 --out）
cli-horizon-arg-force = 替换文件夹中以前规划留下的文件，并删除本次未规划年度的文件（不加此项时，文件夹中已有其中任一文件即拒绝写入）
cli-horizon-arg-format = table（每年一行，另列覆盖情况）或 json
cli-horizon-not-a-folder = {$path} 不是文件夹：请用 --out-dir 指定一个文件夹（或新的名称）
cli-horizon-would-replace = {$folder} 中已有 {$file}：请用 --out-dir 指定新的文件夹，或加 --force 替换以前规划的文件
cli-horizon-written = {$folder}：已写入{$years}个学年的文件（每年 plan-Y.csv 和 data-Y/，以及 horizon.csv）
cli-report-arg-horizon = horizon.csv（rotaplan horizon --out-dir 写出）：页面列出今后几年的交流轮岗，每年一行
cli-horizon-in-the-way = {$path} 占用了位置：horizon 要在此处写入{ $kind ->
    [folder] 文件
   *[other] 文件夹
}；请移走它，或用 --out-dir 指定其他文件夹
