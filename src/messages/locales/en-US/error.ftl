# Errors: where bad input is, and the kinds of failure (src/error.rs).
# A position is the file, then its line (or sheet and row), then the
# column (or cell); `input-error` puts them before the message.

at-file = {$file}
at-line = {$file} line {$line}
at-sheet = {$file}, sheet `{$sheet}`
at-sheet-row = {$file}, sheet `{$sheet}` row {$row}
at-nothing = {""}
at-column = , column `{$column}`
at-column-headed = , column `{$column}` headed `{$header}`
at-column-cell = , column `{$column}` (cell {$cell})
at-column-cell-headed = , column `{$column}` (cell {$cell}) headed `{$header}`
at-cell = , cell {$cell}
input-error = {$place}{$column}: {$message}

error-policy-key = key `{$key}`: {$message}
error-io = cannot read or write {$path}: {$reason}
error-infeasible = the policy is infeasible for these inputs:
error-solver = solver failure: {$message}

infeasible-unit = {$scope}: {$message}
infeasible-fix-first = {"      "}would fix it: {$fix}
infeasible-fix-or = {"      "}or: {$fix}
