#!/usr/bin/env bash
# Scale benchmark: a synthetic universe of SYMBOLS companies over YEARS years through the whole pipeline, against a
# DuckDB-SQL reference doing a comparable subset of the work on the same raw files in the same run. Usage:
#   scripts/bench.sh [SYMBOLS=100] [YEARS=5] [LISTING_DAYS=0] [DAILY_SHARE=0]
# In order, each under /usr/bin/time (wall time, CPU time, peak RSS):
#   1. full build: `lakehouse run` (simulated market: extract, silver, gold, load, check) into an empty output;
#   2. reference: tools/duckdb-reference runs tools/duckdb-reference/reference.sql over the raw chart objects step 1
#      landed (hard-linked into out/bench/charts) (parse, validate, deduplicate, returns, SMA 20/50, Bollinger, 20-day volatility, EMA 12, one fact
#      table) into a new DuckDB file; the ratio is project / reference;
#   3. import build: `lakehouse run --source import` of those same files into a second, empty output: the full build as
#      a user with a folder of chart files runs it (the issue's own yardstick), whose ratio to the reference is the
#      headline; its extract stage is the import (copy, hash, parse once, land);
#   4. daily: `lakehouse run --mode daily` on the lake of step 1 with one more session (2026-01-02): the first daily
#      run after a build, which wrote each silver and gold partition as its file and its tail (ARCHITECTURE.md, "Daily
#      runs"), so its silver merges and gold writes rewrite the tails alone;
#   5. next daily: the same with the session after it (2026-01-05), a day like every following one.
# With DAILY_SHARE > 0 (a percentage), only that share of the symbols then gets another session (2026-01-06):
# `lakehouse extract --mode daily --symbols <them>` (not timed), then `lakehouse transform` and `lakehouse load` over
# every symbol, each timed: what a day costs when most symbols did not change.
# The machine may be shared, so CPU time (user + sys) is printed beside wall time: it is the steadier of the two.
# With LISTING_DAYS > 0 it then lands that many days of a synthetic Alpha Vantage LISTING_STATUS (12,000 active
# and 8,000 delisted rows a day) and times `lakehouse transform` before and after, in the same run: the
# difference is what merging the listings into dim_company costs.
# With HISTORY_DAYS > 0 (a fifth argument) it then gives the lake that many more ingest dates of raw chart objects,
# as a year of daily runs would (hard links of the next daily run's objects, one folder per date before the build's,
# so no table changes), brings silver up to date (not timed), and times two more days, each as `extract --mode daily`
# then `transform`: the first as any day, the second with silver's record of the raw folders deleted, so that it lists
# every raw object, as every day did before that record; the difference is what listing the history costs a day.
# The lakehouse and the reference are built by `make build` first; results go to out/bench. The previous bench's
# output is moved aside first and deleted only after the last timing: on an ext4 file system without a journal (as
# on the machines this was measured on) a new file skips every inode freed in the last one to six minutes, so
# deleting tens of thousands of files just before the timed runs would slow their file creation.
set -euo pipefail
symbols="${1:-100}"
years="${2:-5}"
listing_days="${3:-0}"
daily_share="${4:-0}"
history_days="${5:-0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$root/out/bench"
lakehouse="$root/cli/bin/Release/net10.0/lakehouse.dll"
reference="$root/tools/duckdb-reference/bin/Release/net10.0/StockLakehouse.DuckDbReference.dll"
for built in "$lakehouse" "$reference"; do
  [[ -f "$built" ]] || { echo "bench: $built is missing; run make build first." >&2; exit 1; }
done
previous="$work.previous"
rm -rf "$previous" # left only by an interrupted bench
if [[ -d "$work" ]]; then mv "$work" "$previous"; fi
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
daily_end="2026-01-02"
start="$((2025 - years + 1))-01-01"
echo "bench: $symbols symbols, $start to $end, $(nproc) cores"

# timed NAME COMMAND...: runs COMMAND with stdout and stderr to $work/NAME.{out,err}, its figures to $work/NAME.time.
timed() {
  local name="$1"
  shift
  /usr/bin/time -o "$work/$name.time" -f "%e %U %S %M" "$@" > "$work/$name.out" 2> "$work/$name.err" \
    || { tail -20 "$work/$name.err"; echo "bench: $name failed (output in $work/$name.out and .err)." >&2; exit 1; }
}
stages() { sed -n '/┌/,/┘/p' "$1" | sed '/┘/q'; }

timed full dotnet "$lakehouse" run --out "$work/out" --reference "$work/reference" --start "$start" --end "$end"
stages "$work/full.out"
# The chart objects step 1 landed (not their .meta.json sidecars), hard-linked into one folder: a folder of chart
# files as a user would have, read by the reference and by the import.
raw="$work/charts"
mkdir -p "$raw"
find "$work/out/lake/raw/source=yahoo/dataset=chart" -name '*.json' ! -name '*.meta.json' -exec ln {} "$raw/" \;
raw_files=$(find "$raw" -name '*.json' | wc -l)
du -sh "$work/out/lake/raw" "$work/out/lake/silver" "$work/out/lake/gold" "$work/out/warehouse" | sed 's/^/bench: size /'

timed reference dotnet "$reference" "$work/reference.duckdb" "$raw/*.json"
cat "$work/reference.out"

timed import dotnet "$lakehouse" run --source import --import-folder "$raw" --out "$work/import" --reference "$work/reference" --start "$start" --end "$end"
echo "bench: import build (run --source import of the chart files):"
stages "$work/import.out"

timed daily dotnet "$lakehouse" run --mode daily --out "$work/out" --reference "$work/reference" --start "$start" --end "$daily_end"
echo "bench: daily run ($daily_end added):"
stages "$work/daily.out"

next_end="2026-01-05"
timed next dotnet "$lakehouse" run --mode daily --out "$work/out" --reference "$work/reference" --start "$start" --end "$next_end"
echo "bench: next daily run ($next_end added):"
stages "$work/next.out"

shared=0
if ((daily_share > 0)); then
  share_end="2026-01-06"
  shared=$(((symbols * daily_share + 99) / 100))
  share_list=$(for ((i = 1; i <= shared; i++)); do printf 'S%05d,' "$i"; done)
  dotnet "$lakehouse" extract --mode daily --out "$work/out" --reference "$work/reference" --symbols "${share_list%,}" --start "$start" --end "$share_end" \
    > "$work/share-extract.out" 2> "$work/share-extract.err" || { tail -20 "$work/share-extract.err"; echo "bench: share extract failed." >&2; exit 1; }
  timed share-transform dotnet "$lakehouse" transform --out "$work/out" --reference "$work/reference" --start "$start" --end "$share_end"
  timed share-load dotnet "$lakehouse" load --out "$work/out" --reference "$work/reference"
  echo "bench: daily run where $shared of $symbols symbols got a session ($share_end), transform then load:"
  stages "$work/share-transform.out"
fi

python3 - "$work" "$raw_files" "$(du -sb "$raw" | cut -f1)" "$shared" <<'PY'
import sys
work, files, raw_bytes, shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def figures(name):
    wall, user, system, kib = open(f"{work}/{name}.time").read().split()[-4:]
    return float(wall), float(user) + float(system), int(kib) / 1024 / 1024
runs = {name: figures(name) for name in ("full", "reference", "import", "daily", "next")}
print(f"bench: {files:,} raw chart files, {raw_bytes / 1e6:,.0f} MB of JSON")
print(f"bench: {'run':<48} {'wall':>8} {'CPU':>8} {'peak RSS':>9}")
for name, label in (("full", "project: full build (lakehouse run, simulated)"), ("reference", "DuckDB SQL reference (same raw files)"),
                    ("import", "project: build from those files (--source import)"), ("daily", "daily run, one new session"),
                    ("next", "next daily run, one more session")):
    wall, cpu, gib = runs[name]
    print(f"bench: {label:<48} {wall:7.1f}s {cpu:7.1f}s {gib:7.2f}GiB")
(fw, fc, fm), (rw, rc, rm), (dw, dc, _), (iw, ic, im) = runs["full"], runs["reference"], runs["daily"], runs["import"]
print(f"bench: {'ratio import build / reference':<48} {iw / rw:7.2f}x {ic / rc:7.2f}x {im / rm:7.2f}x")
print(f"bench: {'ratio simulated full build / reference':<48} {fw / rw:7.2f}x {fc / rc:7.2f}x {fm / rm:7.2f}x")
print(f"bench: {'ratio daily / full build':<48} {dw / fw:7.2f}x {dc / fc:7.2f}x")
nw, nc, _ = runs["next"]
print(f"bench: {'ratio next daily / full build':<48} {nw / fw:7.2f}x {nc / fc:7.2f}x")
if shared:
    (tw, tc, tm), (lw, lc, lm) = figures("share-transform"), figures("share-load")
    print(f"bench: {f'share daily: transform ({shared} symbols changed)':<48} {tw:7.1f}s {tc:7.1f}s {tm:7.2f}GiB")
    print(f"bench: {'share daily: load':<48} {lw:7.1f}s {lc:7.1f}s {lm:7.2f}GiB")
    print(f"bench: {'ratio share daily (transform + load) / full':<48} {(tw + lw) / fw:7.2f}x {(tc + lc) / fc:7.2f}x")
PY

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

if ((history_days > 0)); then
  chart="$work/out/lake/raw/source=yahoo/dataset=chart"
  python3 - "$chart" "$history_days" "$next_end" <<'PY'
import datetime, os, sys
chart, days, source = sys.argv[1], int(sys.argv[2]), sys.argv[3]
files = os.listdir(f"{chart}/ingest_date={source}")
day = datetime.date(2024, 1, 1)
for d in range(days):
    folder = f"{chart}/ingest_date={(day + datetime.timedelta(days=d)).isoformat()}"
    os.makedirs(folder, exist_ok=True)
    for name in files:
        os.link(f"{chart}/ingest_date={source}/{name}", f"{folder}/{name}")
print(f"bench: history: {days} more ingest dates of {len(files) // 2:,} chart objects each ({days * len(files):,} files)")
PY
  # The folders' last changes dated back as the hours between daily runs would (silver trusts a folder's token only
  # once it last changed a minute before the run), each time before silver reads them.
  age() { find "$chart" -mindepth 1 -maxdepth 1 -type d -newermt '-5 minutes' -exec touch -d '10 minutes ago' {} +; }
  age
  dotnet "$lakehouse" transform --out "$work/out" --reference "$work/reference" --start "$start" --end "$next_end" \
    > "$work/history-catchup.out" 2> "$work/history-catchup.err" || { tail -20 "$work/history-catchup.err"; echo "bench: history catch-up failed." >&2; exit 1; }
  history_day() { # NAME END: a daily extract, then a transform, each timed
    timed "$1-extract" dotnet "$lakehouse" extract --mode daily --out "$work/out" --reference "$work/reference" --start "$start" --end "$2"
    age
    timed "$1-transform" dotnet "$lakehouse" transform --out "$work/out" --reference "$work/reference" --start "$start" --end "$2"
  }
  history_day history 2026-01-07
  rm "$work/out/lake/_state/silver/raw_listing.json"
  history_day history-whole 2026-01-08
  python3 - "$work" <<'PY'
import glob, json, sys
work = sys.argv[1]
def figures(name):
    wall, user, system, kib = open(f"{work}/{name}.time").read().split()[-4:]
    return float(wall), float(user) + float(system), int(kib) / 1024 / 1024
runs = sorted((json.load(open(p)) for p in glob.glob(f"{work}/out/lake/_runs/*/manifest.json")), key=lambda m: m["started_at"])
silvers = [s["details"] for m in runs for s in m["stages"] if s["stage"] == "silver"][-2:]
for (name, label), silver in zip((("history", "a day after the history"), ("history-whole", "the next, silver's record deleted")), silvers):
    (ew, ec, _), (tw, tc, tm) = figures(f"{name}-extract"), figures(f"{name}-transform")
    print(f"bench: {label + ': extract':<48} {ew:7.1f}s {ec:7.1f}s")
    print(f"bench: {label + ': transform':<48} {tw:7.1f}s {tc:7.1f}s {tm:7.2f}GiB  (silver listed {silver['raw_listing']}, {silver['raw_folders_listed']} folders)")
PY
fi

rm -rf "$previous"
