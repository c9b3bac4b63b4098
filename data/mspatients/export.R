# Exports data/mspatients/mspatients.csv from the vcd package (Debian r-cran-vcd). Run from the repository root:
#   TZ=UTC Rscript data/mspatients/export.R
# vcd::MSPatients is a 4 x 4 x 2 table of counts (New Orleans neurologist's diagnosis x Winnipeg
# neurologist's diagnosis x where the patients came from). It is expanded to one row per patient (218),
# ordered by city (Winnipeg first), then the New Orleans, then the Winnipeg neurologist's category, and the
# rows numbered 1..218 in `patient`. Categories are written in lower case (certain / probable / possible /
# doubtful); cities as winnipeg / new_orleans.
Sys.setenv(TZ = "UTC")
suppressPackageStartupMessages(library(vcd))
tab <- vcd::MSPatients
stopifnot(sum(tab) == 218, identical(dim(tab), c(4L, 4L, 2L)))
cats <- c("certain", "probable", "possible", "doubtful")
cities <- c("winnipeg", "new_orleans")
rows <- list()
for (k in 1:2) for (i in 1:4) for (j in 1:4) {
  n <- tab[i, j, k]
  if (n > 0) rows[[length(rows) + 1]] <- data.frame(city = rep(cities[k], n), neuro_no = cats[i], neuro_wp = cats[j])
}
out <- do.call(rbind, rows)
out <- cbind(patient = seq_len(nrow(out)), out)
stopifnot(all(table(factor(out$neuro_no, cats), factor(out$neuro_wp, cats), factor(out$city, cities)) == tab))
write.csv(out, "data/mspatients/mspatients.csv", row.names = FALSE, quote = FALSE)
cat("wrote data/mspatients/mspatients.csv:", nrow(out), "rows; vcd", as.character(packageVersion("vcd")), "\n")
