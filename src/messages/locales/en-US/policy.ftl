# The policy, its rules and eligibility (src/policy/, src/eligibility/).
