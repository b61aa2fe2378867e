#!/bin/bash
# Golden screen, tig's way: a CIMTUI_SCRIPT key script opens a TEST_Widget
# instance, :save-display writes the screen, and the text must match
# tests/e2e/expected/widget-instance.screen.  The script needs a terminal,
# so cimtui still runs in tmux (80x24, TERM, LANG and TZ pinned by lib.sh).
# Regenerate the expected file with CIMTUI_UPDATE_EXPECTED=1.
. "$(dirname "$0")/lib.sh"
EXPECTED="$abs_top_srcdir/tests/e2e/expected/widget-instance.screen"
start_server
cat >"$SCRATCH/script" <<SCRIPT
# the namespaces view first, then the classes of root/test
<WaitIdle>
:ns root/test
<WaitIdle>
:get TEST_Widget.InstanceID="W00003"
<WaitIdle>
# the cursor to Label, so the selection shows in the position counter
j
j
j
j
j
j
j
:save-display $SCRATCH/widget-instance.screen
:quit
SCRIPT
EXTRA_ENV="CIMTUI_SCRIPT=$SCRATCH/script" start_ui -n root/test "$URL"
for i in $(seq 400); do pane_dead && break; sleep 0.05; done
check "the script runs to :quit" pane_dead
check ":save-display wrote the screen" test -s "$SCRATCH/widget-instance.screen"
# what differs from run to run: the server's port and the operation's time
sed -E 's/127\.0\.0\.1:[0-9]+/127.0.0.1:PORT/; s/ in [0-9]+\.[0-9]+ s / in N.NN s /' \
	"$SCRATCH/widget-instance.screen" >"$SCRATCH/actual.screen" 2>/dev/null
if [ -n "$CIMTUI_UPDATE_EXPECTED" ]; then
	mkdir -p "$(dirname "$EXPECTED")"
	cp "$SCRATCH/actual.screen" "$EXPECTED"
fi
if diff -u "$EXPECTED" "$SCRATCH/actual.screen" >"$SCRATCH/diff"; then
	ok "the screen matches expected/widget-instance.screen"
else
	N=$((N + 1)); FAILED=$((FAILED + 1))
	echo "not ok $N - the screen matches expected/widget-instance.screen"
	sed 's/^/# /' "$SCRATCH/diff"
fi
check "24 lines of at most 80 columns" \
	awk 'END { exit NR != 24 } length($0) > 80 { exit 1 }' "$SCRATCH/actual.screen"
finish
