#!/usr/bin/env bash
# Scale benchmark: a synthetic universe of SYMBOLS companies over YEARS years through the whole pipeline,
# reporting the run's per-stage timings and the process's peak memory. Usage:
#   scripts/bench.sh [SYMBOLS=500] [YEARS=20]
# The lakehouse is built by `make build` first; results go to out/bench (deleted and rebuilt each time).
set -euo pipefail
symbols="${1:-500}"
years="${2:-20}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/out/bench"
rm -rf "$work"
mkdir -p "$work/reference"
cp "$root/data/reference/exchanges.csv" "$work/reference/"
{
  echo "symbol,name,mic,sector,industry,currency,country,ipo_date,delisting_date"
  sectors=("Information Technology" "Financials" "Health Care" "Energy" "Industrials" "Utilities" "Materials" "Real Estate")
  for ((i = 1; i <= symbols; i++)); do
    mic=$([[ $((i % 2)) -eq 0 ]] && echo XNYS || echo XNAS)
    printf 'S%05d,Synthetic Company %d,%s,%s,Synthetic,USD,US,,\n' "$i" "$i" "$mic" "${sectors[$((i % 8))]}"
  done
} > "$work/reference/companies.csv"

end="2025-12-31"
start="$((2025 - years + 1))-01-01"
echo "bench: $symbols symbols, $start to $end, $(nproc) cores"
/usr/bin/time -f "bench: wall %e s, peak RSS %M KiB" \
  dotnet "$root/cli/bin/Release/net10.0/lakehouse.dll" run --out "$work/out" --reference "$work/reference" --start "$start" --end "$end" \
  > "$work/summary.txt" 2> "$work/stderr.txt" || { tail -20 "$work/stderr.txt"; exit 1; }
sed -n '/┌/,/┘/p' "$work/summary.txt" | sed '/┘/q'
tail -1 "$work/stderr.txt"
du -sh "$work/out/lake/raw" "$work/out/lake/silver" "$work/out/lake/gold" "$work/out/warehouse" | sed 's/^/bench: size /'
