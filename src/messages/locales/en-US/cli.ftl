# The command line (src/cli.rs, src/cmd/).

cli-error = rotaplan: {$message}
