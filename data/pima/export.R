# Exports data/pima/pima.csv from the MASS package (Debian r-cran-mass). Run from the repository root:
#   TZ=UTC Rscript data/pima/export.R
# Rows: MASS::Pima.tr2 (300 women, 100 of them with a missing value) followed by MASS::Pima.te (332 women),
# 632 in all. Columns as in MASS, unchanged; `type` is written as its level (No / Yes). NA for missing.
Sys.setenv(TZ = "UTC")
suppressPackageStartupMessages(library(MASS))
pima <- rbind(Pima.tr2, Pima.te)
stopifnot(nrow(pima) == 632)
pima$type <- as.character(pima$type)
write.csv(pima, "data/pima/pima.csv", row.names = FALSE, na = "NA", quote = FALSE)
cat("wrote data/pima/pima.csv:", nrow(pima), "rows; MASS", as.character(packageVersion("MASS")), "\n")
