#!/usr/bin/env bash
# Measures connectorlint against encoding/json on ../shared/corpus in the same run and prints the ratio,
# then the CLI's wall time and peak memory over the whole corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no $corpus beside the checkout" >&2; exit 2; }
count=${COUNT:-5}
out=$(go test ./rules -run XXX -bench 'Corpus(Lint|DecodeJSON)$' -benchtime "${BENCHTIME:-5x}" -count "$count")
echo "$out" | grep -E '^Benchmark'
echo "$out" | awk '
  /^BenchmarkCorpusLint/       { lint[++nl] = $3 }
  /^BenchmarkCorpusDecodeJSON/ { dec[++nd] = $3 }
  END {
    n = (nl < nd) ? nl : nd
    for (i = 1; i <= n; i++) { r = lint[i] / dec[i]; s += r; if (i == 1 || r > mx) mx = r; if (i == 1 || r < mn) mn = r }
    printf "lint / encoding/json decode time: mean %.2f (min %.2f, max %.2f) over %d paired runs\n", s / n, mn, mx, n
  }'
go build -o /tmp/connectorlint-bench .
if command -v /usr/bin/time >/dev/null; then
  /usr/bin/time -f "CLI over the corpus: %e s wall, %M KB peak RSS" /tmp/connectorlint-bench lint --fail-on never "$corpus" >/dev/null
else
  time /tmp/connectorlint-bench lint --fail-on never "$corpus" >/dev/null
fi
