# Reading the files (src/read/, src/domain/): what was expected and found.
