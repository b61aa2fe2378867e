# tests/batch/lib.sh - helpers for the TAP shell tests of the cimtui binary.
# Sourced by the tests; they run from "make check" (abs_top_builddir and
# abs_top_srcdir set) or by hand from the build directory.
# SPDX-License-Identifier: GPL-3.0-or-later

: "${abs_top_builddir:=$(pwd)}"
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
CIMTUI="$abs_top_builddir/cimtui"
SERVER="$abs_top_srcdir/tests/server/cimomd.py"

T=$(mktemp -d "${TMPDIR:-/tmp}/cimtui-batch.XXXXXX")
# a clean environment: no user config, no password, fixed locale
export HOME="$T/home" XDG_CONFIG_HOME="$T/config" LC_ALL=C.UTF-8 TZ=UTC
unset CIMTUI_PASSWORD
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
# leaks in the engine's worker threads at exit are not this suite's subject
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

SERVER_PIDS=""
cleanup() {
	for p in $SERVER_PIDS; do kill "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT

N=0
FAILED=0
plan() { echo "1..$1"; }
ok() { N=$((N + 1)); echo "ok $N - $1"; }
not_ok() { N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $1"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds
check() { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
diag() { sed 's/^/# /' "$@" >&2; }

# run ARGS...: runs cimtui, stdout in $T/out, stderr in $T/err, status in $RC
run() {
	"$CIMTUI" "$@" >"$T/out" 2>"$T/err"
	RC=$?
}

# expect_rc DESCRIPTION STATUS ARGS...
expect_rc() {
	d=$1 want=$2
	shift 2
	run "$@"
	if [ "$RC" = "$want" ]; then ok "$d"; else not_ok "$d (exit $RC, wanted $want)"; diag "$T/err"; fi
}

# start_server NAME [SWITCHES...]: starts cimomd, sets $URL and $LOG
start_server() {
	name=$1
	shift
	LOG="$T/$name.log"
	: >"$LOG"
	python3 "$SERVER" --lifetime 300 --log "$LOG" "$@" >"$T/$name.out" 2>"$T/$name.err" &
	SERVER_PIDS="$SERVER_PIDS $!"
	i=0
	URL=""
	while [ $i -lt 100 ]; do
		URL=$(sed -n 's/^listening \(http[^ ]*\).*/\1/p' "$T/$name.out" 2>/dev/null | head -n 1)
		[ -n "$URL" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "Bail out! cimomd did not start" >&2
	cat "$T/$name.err" >&2
	exit 1
}

# wait_for FILE PATTERN [TENTHS]: polls until FILE matches PATTERN
wait_for() {
	i=0
	while [ $i -lt "${3:-50}" ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

json_ok() { python3 -c 'import json,sys
n=0
for line in open(sys.argv[1], encoding="utf-8"):
    o=json.loads(line)
    for k in ("classname","namespace","path","properties"):
        assert k in o, k
    n+=1
assert n >= int(sys.argv[2]), n' "$1" "${2:-1}"; }
xml_ok() { python3 -c 'import sys,xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$1"; }
no_raw_controls() { ! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"; }

finish() {
	[ "$FAILED" -eq 0 ]
}
