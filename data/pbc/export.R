# Exports data/pbc/pbc.csv from the survival package (Debian r-cran-survival). Run from the repository root:
#   TZ=UTC Rscript data/pbc/export.R
# All 418 rows of survival::pbc (312 randomised trial patients, 106 who were not randomised and have more
# missing values). Recoded so that the table is readable without the help page (see SOURCE.md):
# status 0/1/2 -> censored/transplant/dead; trt 1/2 -> dpen/placebo; ascites, hepato, spiders 0/1 -> no/yes;
# edema 0/0.5/1 -> none/resolved/persistent; stage 1..4 -> I..IV; `alk.phos` renamed `alk_phos`.
Sys.setenv(TZ = "UTC")
suppressPackageStartupMessages(library(survival))
d <- survival::pbc
stopifnot(nrow(d) == 418)
recode <- function(x, from, to) {
  out <- to[match(x, from)]
  stopifnot(identical(is.na(out), is.na(x)))
  out
}
out <- data.frame(
  id = d$id, time = d$time,
  status = recode(d$status, 0:2, c("censored", "transplant", "dead")),
  trt = recode(d$trt, 1:2, c("dpen", "placebo")),
  age = d$age, sex = as.character(d$sex),
  ascites = recode(d$ascites, 0:1, c("no", "yes")),
  hepato = recode(d$hepato, 0:1, c("no", "yes")),
  spiders = recode(d$spiders, 0:1, c("no", "yes")),
  edema = recode(d$edema, c(0, 0.5, 1), c("none", "resolved", "persistent")),
  bili = d$bili, chol = d$chol, albumin = d$albumin, copper = d$copper, alk_phos = d$alk.phos,
  ast = d$ast, trig = d$trig, platelet = d$platelet, protime = d$protime,
  stage = recode(d$stage, 1:4, c("I", "II", "III", "IV"))
)
write.csv(out, "data/pbc/pbc.csv", row.names = FALSE, na = "NA", quote = FALSE)
cat("wrote data/pbc/pbc.csv:", nrow(out), "rows; survival", as.character(packageVersion("survival")), "\n")
