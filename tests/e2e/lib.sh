# lib.sh - helpers for the tmux end-to-end tests (sourced).  TAP output.
# Each script: start the test server, run the real cimtui in a private
# tmux server at 80x24, send keys, poll capture-pane with a timeout.
# SPDX-License-Identifier: GPL-3.0-or-later

: "${abs_top_builddir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${abs_top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
CIMTUI="$abs_top_builddir/cimtui"
SOCK="cimtui-test-$$"
TMUX_CMD="tmux -L $SOCK -f /dev/null"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/cimtui-e2e.XXXXXX")
SRV_PID=
URL=
N=0
FAILED=0

cleanup() {
	$TMUX_CMD kill-server 2>/dev/null
	[ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null
	rm -rf "$SCRATCH"
}
trap cleanup EXIT

skip_all() { echo "1..0 # SKIP $*"; exit 0; }
command -v tmux >/dev/null || skip_all "tmux not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
[ -x "$CIMTUI" ] || skip_all "no $CIMTUI"

ok() { N=$((N + 1)); echo "ok $N - $*"; }
not_ok() {
	N=$((N + 1)); FAILED=$((FAILED + 1)); echo "not ok $N - $*"
	screen | sed 's/^/# | /'
}
check() { # check DESC COMMAND...
	local d="$1"; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
# Any sanitizer report in cimtui's stderr (leaks at exit included) fails.
finish() {
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$SCRATCH/stderr" 2>/dev/null; then
		N=$((N + 1)); echo "not ok $N - no sanitizer reports"
		grep -E -A12 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$SCRATCH/stderr" | head -60 | sed 's/^/# /'
	else
		N=$((N + 1)); echo "ok $N - no sanitizer reports"
	fi
	echo "1..$N"; exit 0
}

# start_server SWITCHES...: sets URL and SRV_PID
start_server() {
	python3 "$abs_top_srcdir/tests/server/cimomd.py" --lifetime 120 "$@" >"$SCRATCH/srv.out" 2>"$SCRATCH/srv.err" &
	SRV_PID=$!
	local i
	for i in $(seq 100); do
		URL=$(sed -n 's/^listening //p' "$SCRATCH/srv.out" 2>/dev/null)
		[ -n "$URL" ] && return 0
		sleep 0.05
	done
	echo "Bail out! test server did not start"; cat "$SCRATCH/srv.err"; exit 1
}

ui_env() {
	mkdir -p "$SCRATCH/home" "$SCRATCH/config" "$SCRATCH/state"
	echo "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC HOME=$SCRATCH/home \
XDG_CONFIG_HOME=$SCRATCH/config XDG_STATE_HOME=$SCRATCH/state \
CIMTUI_THEME_DIR=$abs_top_srcdir/themes ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} $EXTRA_ENV"
}

# start_ui ARGS...: cimtui in a fresh tmux session (pane stays after exit)
start_ui() {
	$TMUX_CMD kill-server 2>/dev/null && sleep 0.2
	$TMUX_CMD new-session -d -x 80 -y 24 "exec $(ui_env) $CIMTUI $* 2>>$SCRATCH/stderr"
	$TMUX_CMD set-option -g remain-on-exit on >/dev/null
	$TMUX_CMD set-option -g window-size manual >/dev/null 2>&1
}
keys() { $TMUX_CMD send-keys "$@"; }
screen() { $TMUX_CMD capture-pane -p 2>/dev/null; }
pane_pid() { $TMUX_CMD display -p '#{pane_pid}'; }
pane_dead() { [ "$($TMUX_CMD display -p '#{pane_dead}' 2>/dev/null)" = 1 ]; }

# wait_for TEXT [SECONDS]: polls the screen until TEXT (fixed string) shows
wait_for() {
	local t=${2:-10} i
	for i in $(seq $((t * 50))); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.02
	done
	return 1
}
wait_gone() {
	local t=${2:-10} i
	for i in $(seq $((t * 50))); do
		screen | grep -qF -- "$1" || return 0
		sleep 0.02
	done
	return 1
}
now_ms() { date +%s%3N; }
# gone PID: no such process, or only a zombie (nothing running)
gone() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null); [ -z "$st" ] || [ "${st#Z}" != "$st" ]; }
