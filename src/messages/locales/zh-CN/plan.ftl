# 模型、求解器和方案（src/model/、src/solve/、src/assign/、src/plan/）。

# 数据中没有 `district` 列时消息所属的区县（src/model/，district_label）；
# 有名称的区县用 policy-unit-district。
plan-district-all = 区县（全部）

# 建立模型时发现的输入错误（src/model/mod.rs；退出码 2）。
plan-too-many-arcs = {$district}：可能的调动组合有{$count}种（派出教师组 × 同学科的乡村岗位需求），超过了 rotaplan 单个区县可建模的上限 {$most}；请拆分该区县
plan-need-not-receiving = 岗位需求：按政策，学校 {$school} 不是接收学校（receivers：{$receivers}），不能提出岗位需求
plan-assign-to-bad = 教师 {$teacher}：学校 {$school} {$why}；教师只能指派到同一区县的接收学校
plan-assign-to-not-receiving = 不是接收学校
plan-assign-to-other-district = 属于其他区县

# 求解前即可看出区县的规则无法满足的原因
# （src/model/feasibility.rs）：显示在“district X: ”或“school S01: ”之后。
plan-pin-not-eligible = 教师 {$teacher} 已被指定交流（assign_to 或 must_rotate），但不符合交流条件：{$code}（{$reason}）
plan-pin-nowhere = 已指定交流的{$subject}教师 {$teachers} { $assigned ->
        [yes] 在所指派的学校
       *[no] {""}
    }没有与其学科{ $limited ->
        [yes] 和学段（{$levels}；政策 level_match）
       *[no] {""}
    }相符的乡村岗位需求可去
plan-pin-over-need = {$count}名{$subject}教师（{$teachers}）被指派到学校 {$school}，而该校只需要{$need}名
plan-over-max-rotation = 按{$eligible}名符合条件教师的{$share}计，应交流{$required}人；但 max_rotation_ratio（{$max_share}）最多只允许{$max}人
plan-too-few-needs = 按{$share}的比例，应从{$eligible}名符合条件教师中交流{$required}人；但符合条件教师所教学科的岗位需求合计只有{$needs}个{ $unfillable ->
        [yes] ，且其中最多只能满足{$most}个
       *[no] {""}
    }
plan-levels-hold-back = {$message}；受学段限制：在 level_match = "{$level_match}" 下最多可交流{$most}人，若 level_match = "any" 则为{$any}人
plan-too-few-backbone = 按交流人数{$rotations}人的{$share}计，应交流骨干教师{$required}人；但骨干教师最多只能交流{$most}人（符合条件的骨干教师有{$eligible}人，其所教学科的岗位需求较少）
plan-rule-min-unmet = {$rule} 要求其统计的教师中交流{$required}人（{$d}名{$of}的 {$share}）；其中最多只能交流{$most}人（其所教学科的岗位需求合计{$needs}个）
plan-rule-max-pinned = {$rule} 最多允许交流{$most}人（{$d}名{$of}的 {$share}），但其统计的教师中已有{$pinned}人被指定交流
plan-schools-together = 其派出学校合计要求交流{$required}人（每校 {$share}）；符合条件教师所教学科的岗位需求最多只能容纳{$most}人
plan-schools-together-backbone = 其派出学校合计要求交流骨干教师{$required}人；但最多只能交流{$most}名骨干教师
plan-units-together = {$rule}：各统计单元合计要求其统计的教师中交流{$required}人；其所教学科的岗位需求最多只能容纳{$most}人

# 由求解器而非预检查发现（src/plan/mod.rs）。
plan-infeasible-combined = 每条规则单独都能满足，但无法同时满足（规则之间相互制约，或各派出学校争用同样的岗位需求）{ $within_group ->
        [yes] ，且 within_group 把各校教师限定在本集团的接收学校
       *[no] {""}
    }

# 区县方案是否已证明最优（src/solve/，Status）：用于方案表格和报告。
plan-status-optimal = 最优
plan-status-time-limit = 已达计算上限，未确认最优

# 求解器内部故障（src/solve/、src/plan/；退出码 4）：先是区县，
# 再是 HiGHS 自己的说明。
plan-highs-model-lost = HiGHS 模型丢失
plan-highs-error = HiGHS：{$error}
plan-district-failed = {$district}：{$message}
plan-fixes-failed = {$district}：计算调整建议时出错：{$error}

# 制定方案需要 needs.csv（src/plan/mod.rs；退出码 2）。
plan-needs-missing = 制定方案需要 needs.csv：请放在数据文件夹中，或用 --needs 指定

# 可使无可行方案的单元变为可行的调整（src/plan/fixes.rs，Fix），每行一条，
# 显示在“可行的调整：”或“或：”之后。
plan-fix-share = 将 {$rule} 调整为 {$percent}（{$numerator}/{$denominator}）或更宽松
plan-fix-need = 增加{$places}个乡村岗位需求：{$subjects}
plan-fix-need-subject = {$subject} {$places}个
plan-fix-eligible = 再使{$teachers}名{$of}教师符合交流条件（最接近符合条件的教师：{$candidates}）
plan-fix-of-backbone = 骨干

# compare 的情景（src/plan/compare.rs；退出码 2）。
plan-sweep-too-many = --sweep：组合出的情景超过{$most}个；请减少扫描的配置项或取值
plan-sweep-expected = --sweep {$sweep}：应为 KEY=V1,V2,... 的形式，如 min_rotation_ratio=0.10,0.12
plan-pinned-after-years-over-places = 按 must_rotate_after_years 须交流的{$subject}教师有{$count}名（{$teachers}），但本区县他们可填补的岗位只有{$places}个
plan-pinned-after-years-over-max = 按 must_rotate_after_years 须交流{$count}名教师（{$teachers}），连同其他指定交流的教师超过了 {$rule} 在此允许的人数（最多{$most}人）
plan-principal-overdue = {$school}校长 {$teacher} {$name} 任现职已{$years}年（principal_max_years），应当交流，但没有可行的交流方案：没有候选人能接任该职位，或没有其可接任的职位
