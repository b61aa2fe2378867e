#!/usr/bin/env bash
# tests/fuzz/run-fuzz.sh - builds every libFuzzer target in tests/fuzz with
# clang (ASan+UBSan+fuzzer) and runs each for a short bounded session,
# seeded with the recorded server replies.  TAP output.  Without clang the
# targets are reported as skipped.
#
# Each target names the sources it links, relative to the repository, on a
# line "fuzz-sources: engine/a.c engine/b.c" in its header comment, and
# optionally pkg-config packages it needs on a line "fuzz-pkgs: ncursesw".
# Hand-written seeds in tests/fuzz/seeds/<target>/ are added to its corpus.
# CIMTUI_FUZZ_SECONDS sets the session length (default 15).
set -u
src=${abs_top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${abs_top_builddir:-$PWD}
secs=${CIMTUI_FUZZ_SECONDS:-15}
targets=$(ls "$src"/tests/fuzz/fuzz_*.c 2>/dev/null)
echo "1..$(( $(echo "$targets" | wc -w) * 2 ))"
n=0
if ! command -v clang >/dev/null; then
	for t in $targets; do
		n=$((n + 1)); echo "ok $n - build $(basename "$t" .c) # SKIP clang not installed"
		n=$((n + 1)); echo "ok $n - run $(basename "$t" .c) # SKIP clang not installed"
	done
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/seeds
mkdir -p "$corpus"
find "$src/../shared/captures" -name '*.response.xml' -size -256k -exec cp {} "$corpus/" \; 2>/dev/null
find "$src/../shared/captures/wsman" -name '*.xml' -size -256k -exec cp {} "$corpus/" \; 2>/dev/null
for t in $targets; do
	name=$(basename "$t" .c)
	sources=""
	for f in $(sed -n 's/.*fuzz-sources: *//p' "$t" | head -1); do sources="$sources $src/$f"; done
	pkgs="libxml-2.0 libcurl $(sed -n 's/.*fuzz-pkgs: *//p' "$t" | head -1)"
	bin=$work/$name
	n=$((n + 1))
	# shellcheck disable=SC2046,SC2086
	if clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE -I"$build" -I"$src/engine" \
		-I"$src" $(pkg-config --cflags $pkgs) "$t" $sources \
		$(pkg-config --libs $pkgs) -lpthread -lm -o "$bin" >"$work/$name.build.log" 2>&1; then
		echo "ok $n - build $name"
	else
		echo "not ok $n - build $name"; sed 's/^/# /' "$work/$name.build.log" | tail -20
		n=$((n + 1)); echo "not ok $n - run $name # not built"
		continue
	fi
	n=$((n + 1))
	mkdir -p "$work/$name.corpus"
	own=()
	[ -d "$src/tests/fuzz/seeds/$name" ] && own=("$src/tests/fuzz/seeds/$name")
	if (cd "$work" && timeout $((secs + 60)) "$bin" -max_total_time="$secs" -rss_limit_mb=2048 \
		-timeout=10 "$work/$name.corpus" "$corpus" ${own[@]+"${own[@]}"} >"$work/$name.run.log" 2>&1); then
		echo "ok $n - run $name for ${secs}s: $(grep -o 'Done [0-9]* runs' "$work/$name.run.log" | tail -1)"
	else
		echo "not ok $n - run $name"; grep -E 'ERROR|SUMMARY|crash' "$work/$name.run.log" | head -20 | sed 's/^/# /'
	fi
done
