#!/usr/bin/env bash
# Fetches DuckDB's native library from its npm package into .cache/duckdb (never committed).
# The npm package @duckdb/node-bindings-<platform> ships libduckdb with parquet, json and icu
# built in, so no extension is downloaded at run time.
set -euo pipefail

version="1.5.6-r.1"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.cache/duckdb"
lib="$dest/libduckdb.so"
stamp="$dest/version"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform="linux-x64"; expected_sha="1b9f82478539bb9a1d1df44bd103121a12ae52142c07158dc52b97d2ec1d69ff" ;;
  Linux-aarch64) platform="linux-arm64"; expected_sha="" ;;
  *) echo "fetch-duckdb: no DuckDB npm binding known for $(uname -s)-$(uname -m); put libduckdb at $lib by hand" >&2; exit 1 ;;
esac

if [[ -f "$lib" && -f "$stamp" && "$(cat "$stamp")" == "$platform-$version" ]]; then
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-duckdb: npm is needed to fetch DuckDB's native library" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-duckdb: fetching @duckdb/node-bindings-$platform@$version"
(cd "$work" && npm pack --silent "@duckdb/node-bindings-$platform@$version" >/dev/null)
tarball="$(ls "$work"/*.tgz)"
if [[ -n "$expected_sha" ]]; then
  actual_sha="$(sha256sum "$tarball" | cut -d' ' -f1)"
  if [[ "$actual_sha" != "$expected_sha" ]]; then
    echo "fetch-duckdb: checksum mismatch for $tarball: expected $expected_sha, got $actual_sha" >&2
    exit 1
  fi
fi
tar -xzf "$tarball" -C "$work" package/libduckdb.so
mkdir -p "$dest"
mv "$work/package/libduckdb.so" "$lib.tmp"
mv "$lib.tmp" "$lib"
echo "$platform-$version" > "$stamp"
echo "fetch-duckdb: $lib ready"
