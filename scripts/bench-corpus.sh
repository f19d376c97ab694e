#!/usr/bin/env bash
# Measures connectorlint against encoding/json on ../shared/corpus, the two benchmarks run back to back
# in each round so that they see the same machine load, and prints the ratio of wall and CPU time;
# then the CLI's wall time and peak memory over the whole corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus
[ -d "$corpus" ] || { echo "no $corpus beside the checkout" >&2; exit 2; }
rounds=${ROUNDS:-5}
go test -c -o /tmp/rules.bench ./rules
all=""
for i in $(seq "$rounds"); do
  all+=$(cd rules && /tmp/rules.bench -test.run XXX -test.bench 'Corpus(Lint|DecodeJSON)$' -test.benchtime "${BENCHTIME:-5x}" -test.benchmem | grep -E '^Benchmark')
  all+=$'\n'
done
echo "$all" | grep .
echo "$all" | awk '
  function metric(unit,   i) { for (i = 1; i < NF; i++) if ($(i+1) == unit) return $i; return 0 }
  /^BenchmarkCorpusLint/       { lw = metric("ns/op"); lc = metric("cpu-ns/op") }
  /^BenchmarkCorpusDecodeJSON/ { n++; w = lw / metric("ns/op"); c = lc / metric("cpu-ns/op"); sw += w; sc += c
                                 if (n == 1 || w > mxw) mxw = w; if (n == 1 || w < mnw) mnw = w }
  END { printf "lint all rules / encoding/json decode into any, %d rounds: wall %.2f (min %.2f, max %.2f), cpu %.2f\n", n, sw/n, mnw, mxw, sc/n }'
go build -o /tmp/connectorlint-bench .
/usr/bin/time -f "CLI over the corpus: %e s wall, %M KB peak RSS" /tmp/connectorlint-bench lint --fail-on never "$corpus" >/dev/null
