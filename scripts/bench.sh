#!/usr/bin/env bash
# Scale benchmark: a synthetic universe of SYMBOLS companies over YEARS years through the whole pipeline,
# reporting the run's per-stage timings and the process's peak memory. Usage:
#   scripts/bench.sh [SYMBOLS=500] [YEARS=20] [LISTING_DAYS=0]
# With LISTING_DAYS > 0 it then lands that many days of a synthetic Alpha Vantage LISTING_STATUS (12,000 active
# and 8,000 delisted rows a day) and times `lakehouse transform` before and after, in the same run: the
# difference is what merging the listings into dim_company costs.
# The lakehouse is built by `make build` first; results go to out/bench (deleted and rebuilt each time).
set -euo pipefail
symbols="${1:-500}"
years="${2:-20}"
listing_days="${3:-0}"
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

if ((listing_days > 0)); then
  transform() {
    /usr/bin/time -f "bench: transform $1: wall %e s, peak RSS %M KiB" \
      dotnet "$root/cli/bin/Release/net10.0/lakehouse.dll" transform --out "$work/out" --reference "$work/reference" --start "$start" --end "$end" \
      > "$work/transform-$1.txt" 2> "$work/transform-$1.err" || { tail -20 "$work/transform-$1.err"; exit 1; }
    tail -1 "$work/transform-$1.err"
  }
  transform "without listings"
  python3 - "$work/out/lake" "$listing_days" <<'PY'
import datetime, os, sys
lake, days = sys.argv[1], int(sys.argv[2])
exchanges = ["NYSE", "NASDAQ", "NYSE ARCA", "NYSE MKT", "BATS"]
def symbol(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
header = "symbol,name,exchange,assetType,ipoDate,delistingDate,status\r\n"
day = datetime.date(2025, 1, 2)
for d in range(days):
    # A few listings a day come and go, as in the real file.
    active = [f"{symbol(i)},Company {i} Inc,{exchanges[i % 5]},Stock,2000-01-03,null,Active" for i in range(d % 7, 12000 + d % 7)]
    delisted = [f"{symbol(20000 + i)},Gone {i} Corp,{exchanges[i % 4]},Stock,1995-01-03,2010-05-04,Delisted" for i in range(8000)]
    for subject, rows in (("_active", active), ("_delisted", delisted)):
        folder = f"{lake}/raw/source=alphavantage/dataset=listing_status/ingest_date={day.isoformat()}"
        os.makedirs(folder, exist_ok=True)
        with open(f"{folder}/{subject}-bench{d:04d}.csv", "w", newline="") as f:
            f.write(header + "\r\n".join(rows) + "\r\n")
    day += datetime.timedelta(days=1)
print(f"bench: landed {days} days of LISTING_STATUS (12,000 active + 8,000 delisted rows each)")
PY
  transform "with listings"
fi
