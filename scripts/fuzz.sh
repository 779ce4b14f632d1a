#!/usr/bin/env bash
# fuzz.sh runs every Fuzz* target in the module for FUZZTIME each (default
# 20s), one after the other (go test -fuzz takes one target at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME=${FUZZTIME:-20s}

failed=()
n=0
while IFS= read -r file; do
	dir=./$(dirname "$file")
	for target in $(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$file"); do
		n=$((n + 1))
		echo "==> $dir $target ($FUZZTIME)"
		if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$dir"; then
			failed+=("$dir $target")
		fi
	done
done < <(git ls-files --cached --others --exclude-standard -- '*_test.go' | xargs -r grep -l '^func Fuzz' | sort)

echo "==> $n fuzz targets"
if [ ${#failed[@]} -gt 0 ]; then
	printf '==> FAILED: %s\n' "${failed[@]}"
	exit 1
fi
