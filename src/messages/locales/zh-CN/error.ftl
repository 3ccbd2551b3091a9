# 错误：出错的输入在哪里，以及出错的类型（src/error.rs）。
# 位置依次为文件、行（或工作表和行）、列（或单元格）；
# `input-error` 把位置放在消息之前。

at-file = {$file}
at-line = {$file} 第{$line}行
at-sheet = {$file}，工作表“{$sheet}”
at-sheet-row = {$file}，工作表“{$sheet}”第{$row}行
at-nothing = {""}
at-column = ，“{$column}”列
at-column-headed = ，“{$column}”列（表头“{$header}”）
at-column-cell = ，“{$column}”列（单元格 {$cell}）
at-column-cell-headed = ，“{$column}”列（单元格 {$cell}，表头“{$header}”）
at-cell = ，单元格 {$cell}
input-error = {$place}{$column}：{$message}

error-policy-key = 配置项 `{$key}`：{$message}
error-io = 无法读写 {$path}：{$reason}
error-infeasible = 按这些输入，政策要求无法满足：
error-solver = 求解器出错：{$message}

infeasible-unit = {$scope}：{$message}
infeasible-fix-first = {"      "}可行的调整：{$fix}
infeasible-fix-or = {"      "}或：{$fix}
