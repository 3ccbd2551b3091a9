# The model, the solver and the plan (src/model/, src/solve/, src/assign/, src/plan/).
