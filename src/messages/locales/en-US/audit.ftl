# The independent audit (src/audit/).
