# Runs every generated case through the reference implementation (qicharts2's
# qic(), sourced from a local checkout) and writes its points and runs figures
# to $WORK/expected. Uses only base R: qic(return.data = TRUE) draws nothing.
args <- commandArgs(trailingOnly = TRUE)
work <- args[1]
source(file.path(work, 'qic', 'helper.R'))
source(file.path(work, 'qic', 'qic.R'))
options(qic.screenedmr = TRUE)
m <- read.csv(file.path(work, 'manifest.csv'), stringsAsFactors = FALSE, colClasses = 'character')
dir.create(file.path(work, 'expected'), showWarnings = FALSE)
for (i in seq_len(nrow(m))) {
  r <- m[i, ]
  d <- read.csv(file.path(work, 'cases', r$csv))
  if (r$dates == '1') d$x <- as.Date(d$x)
  args <- list(x = as.name('x'), y = as.name('y'), data = d, chart = r$chart, return.data = TRUE)
  if (r$n != '') args$n <- as.name('n')
  if (r$freeze != '') args$freeze <- as.integer(r$freeze)
  if (r$part != '') args$part <- as.integer(strsplit(r$part, ';')[[1]])
  if (r$exclude != '') args$exclude <- as.integer(strsplit(r$exclude, ';')[[1]])
  if (r$multiply != '') args$multiply <- as.numeric(r$multiply)
  res <- tryCatch(do.call(qic, args), error = function(e) { message(r$name, ': ', conditionMessage(e)); NULL })
  if (is.null(res)) next
  out <- data.frame(y = res$y, cl = res$cl, lcl = res$lcl, ucl = res$ucl, sigma = res$sigma.signal, part = res$part,
    runs = res$runs.signal, longest = res$longest.run, longestmax = res$longest.run.max, cross = res$n.crossings, crossmin = res$n.crossings.min)
  write.csv(format(out, digits = 15), file.path(file.path(work, 'expected'), r$csv), row.names = FALSE)
}
