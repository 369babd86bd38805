#!/usr/bin/env bash
# Builds the seed corpus of the `pack` target from every pack under tests/fixtures/ and
# questions/: pack.json, 0xFF, cases.json (or nothing), then 0xFF and each source text pack.json
# names, in order (the layout fuzz_targets/pack.rs reads).
set -euo pipefail
cd "$(dirname "$0")"
out=corpus/pack
mkdir -p "$out"
n=0
while IFS= read -r -d '' pack_json; do
  dir=$(dirname "$pack_json")
  name=$(echo "${dir#../}" | tr '/' '_')
  {
    cat "$pack_json"
    printf '\xff'
    if [ -f "$dir/cases.json" ]; then cat "$dir/cases.json"; fi
    grep -o '"text"[[:space:]]*:[[:space:]]*"[^"]*"' "$pack_json" | sed 's/.*"\([^"]*\)"$/\1/' |
      while IFS= read -r source; do
        printf '\xff'
        if [ -f "$dir/sources/$source" ]; then cat "$dir/sources/$source"; fi
      done
  } > "$out/seed-$name"
  n=$((n + 1))
done < <(find ../tests/fixtures ../questions -name pack.json -print0)
echo "seed corpus: $n packs in fuzz/$out"
