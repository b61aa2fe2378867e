#!/bin/bash
# Associators, references, following a reference, embedded instances,
# mouse, Tab completion of namespaces and properties, the theme from the
# config file, and terminal restore on a crash signal.
. "$(dirname "$0")/lib.sh"
ulimit -c 0 # the crash tests below must not leave cores
# wait_re REGEX: polls the screen until a line matches (grep -E)
wait_re() {
	local i
	for i in $(seq 250); do
		screen | grep -qE -- "$1" && return 0
		sleep 0.02
	done
	return 1
}
# start_ui_sh ARGS...: like start_ui, but cimtui runs under a shell that
# reports how it ended once the terminal is back; CIMTUI_PID is its pid
start_ui_sh() {
	$TMUX_CMD kill-server 2>/dev/null && sleep 0.2
	$TMUX_CMD new-session -d -x 80 -y 24 \
		"$(ui_env) $CIMTUI $* 2>>$SCRATCH/stderr; echo \"cimtui ended: status \$?\""
	$TMUX_CMD set-option -g remain-on-exit on >/dev/null
	local i sh
	sh=$(pane_pid)
	CIMTUI_PID=
	for i in $(seq 100); do
		CIMTUI_PID=$(ps -o pid= --ppid "$sh" 2>/dev/null | tr -d ' ')
		[ -n "$CIMTUI_PID" ] && return 0
		sleep 0.05
	done
}
# wait_pos N/M: the title's position counter reads N/M
wait_pos() {
	local i
	for i in $(seq 250); do
		screen | head -1 | grep -q " $1\$" && return 0
		sleep 0.02
	done
	return 1
}
start_server
mkdir -p "$SCRATCH/config/cimtui"
printf '# written by ui_views.sh\ntheme = dark\n' >"$SCRATCH/config/cimtui/config"
chmod 600 "$SCRATCH/config/cimtui/config"
start_ui -n root/test "$URL"
check "UI is up" wait_for "root/interop"

# ---- theme from the config file ----
# dark.theme: title 231 on 24; the default theme has no 256-colour pairs
check "config theme: title drawn in the dark theme's colours" \
	bash -c "$TMUX_CMD capture-pane -e -p | head -1 | grep -qF '48;5;24m'"
keys ':theme' Enter
check ":theme without a name shows the current theme (dark, from the config)" wait_for "theme dark"

# ---- Tab completion of namespaces ----
keys ':ns root/te' Tab
check "Tab completes a namespace" wait_for ":ns root/test"
keys Enter
check ":ns opens the completed namespace" wait_for "Classes in root/test"

# ---- associators, references, following references ----
keys ':get TEST_Widget.InstanceID="W00003"' Enter
check "a TEST_Widget instance opens" wait_for "Widget number 3"
keys a
check "a: associators of the instance, by its key path" \
	wait_for 'Associators of TEST_Widget.InstanceID="W00003"'
check "a: the associated TEST_WidgetGroup is listed" wait_for "Group 1"
check "a: exactly one associator (G01)" wait_re '^G01 .*Group 1'
check "a: one row" wait_pos 1/1
keys q r
check "r: references of the instance" wait_for 'References of TEST_Widget.InstanceID="W00003"'
check "r: the TEST_GroupMember row shows both ends" \
	wait_re '^TEST_WidgetGroup.InstanceID="G01" +TEST_Widget.InstanceID="W00003"'
check "r: one row" wait_pos 1/1
keys Enter
check "Enter opens the association instance" wait_for "Instance TEST_GroupMember"
check "its keys are references" wait_for "*Group                    reference"
check "cursor on the Group reference" wait_pos 1/2
keys Enter
check "Enter on a reference follows it" wait_for 'Instance TEST_WidgetGroup.InstanceID="G01"'
check "the referenced instance is loaded" wait_for "MemberCount"
keys a
check "a from the followed group lists its 10 widgets" wait_pos 1/10
keys q q q q q
check "q goes back through the stack" wait_for "Classes in root/test"

# ---- embedded instances ----
keys ':get TST_AllTypes.InstanceID="all-1"' Enter
check "TST_AllTypes all-1 opens" wait_for "Instance TST_AllTypes"
check "all-1 is loaded" wait_for "all types"
# the last lines: Embedded, EmbeddedArray, [0], [1], EmbeddedObj, Status
keys G k k k k k
check "cursor on the Embedded property" wait_pos 48/53
check "embedded instance shown collapsed" wait_re '^  Embedded +instance +▸ instance of TST_Embedded$'

keys Enter
check "Enter expands the embedded instance" wait_for "▾ instance of TST_Embedded"
check "its properties are shown" wait_for "inner <1>"
check "3 lines more" wait_pos 48/56
keys j j j j j
check "cursor on EmbeddedArray[0]" wait_pos 53/56
keys Enter
check "an embedded array element expands too" wait_pos 53/59
check "it shows as open" wait_re '^ +\[0\] +▾ instance of TST_Embedded'
keys Enter
check "Enter again collapses it" wait_pos 53/56
keys k k k k k Enter
check "Enter again collapses" wait_gone "inner <1>" 3

# ---- mouse ----
check "the UI turned mouse reporting on" test "$($TMUX_CMD display -p '#{mouse_any_flag}#{mouse_sgr_flag}')" = 11
keys g
wait_pos 1/53
keys -l $'\e[<65;10;10M'
check "wheel down moves 3 lines" wait_pos 4/53
keys -l $'\e[<65;10;10M\e[<65;10;10M\e[<65;10;10M\e[<65;10;10M\e[<65;10;10M\e[<65;10;10M\e[<65;10;10M'
check "more wheel scrolls the body" wait_pos 25/53
check "the first line scrolled off" wait_gone "*InstanceID" 3
keys -l $'\e[<64;10;10M'
check "wheel up moves back 3 lines" wait_pos 22/53
keys q ':class TEST_Widget' Enter
check "TEST_Widget instances listed" wait_for "20 in "
# SGR: button 0 press + release at column 5, row 8 (1-based): the 6th row
keys -l $'\e[<0;5;8M\e[<0;5;8m'
check "a click selects the row under it" wait_pos 6/20
keys -l $'\e[<0;5;12M\e[<0;5;12m'
sleep 0.15
keys -l $'\e[<0;5;12M\e[<0;5;12m'
check "a double click opens the row's instance" wait_for 'Instance TEST_Widget.InstanceID="W00009"'
keys q
check "back in the table" wait_for "Instances of TEST_Widget"

# ---- Tab completion of property names ----
keys ':sort Lab' Tab
check "Tab completes a property for :sort" wait_for ":sort Label"
keys Enter
check ":sort with the completed name sorts" wait_for "sorted by Label"
keys ':columns Ind' Tab
check "Tab completes a property for :columns" wait_for ":columns Index"
keys BSpace ',Lab' Tab
check "Tab completes after a comma" wait_for ":columns Index,Label"
keys Enter
check ":columns applies the completed names" wait_for "Index Label"
check "other columns hidden" wait_gone "ElementName" 3
keys Q
for i in $(seq 100); do pane_dead && break; sleep 0.05; done
check "Q quits" pane_dead

# ---- crash signals restore the terminal ----
crash_test() { # crash_test SIG NUMBER
	check "UI is up (SIG$1)" wait_for "root/interop"
	check "alternate screen and mouse on while running" \
		test "$($TMUX_CMD display -p '#{alternate_on}#{mouse_any_flag}')" = 11
	kill -"$1" "$CIMTUI_PID"
	check "SIG$1: the shell after cimtui sees it die of the signal" \
		wait_for "cimtui ended: status $((128 + $2))"
	check "SIG$1: alternate screen off, mouse reporting off" \
		test "$($TMUX_CMD display -p '#{alternate_on}#{mouse_any_flag}')" = 00
	check "SIG$1: no process left" gone "$CIMTUI_PID"
}
start_ui_sh -n root/test "$URL"
crash_test ABRT 6
# ASan's own SEGV handler would print a report (and fail finish); the
# restore is cimtui's handler either way.
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:handle_segv=0" start_ui_sh -n root/test "$URL"
crash_test SEGV 11

# ---- quitting while the completion caches load from a stalled server ----
kill "$SRV_PID" 2>/dev/null
start_server --stall-after-bytes 3000
start_ui -n root/test "$URL"
check "UI is up (stalled server)" wait_for "EnumerateNamespaces"
keys ':'
wait_for ":" 3
keys C-c
check "the command line is closed" wait_for "Q: quit"
t0=$(now_ms)
keys Q
for i in $(seq 400); do pane_dead && break; sleep 0.01; done
t1=$(now_ms)
check "Q exits at once although ':' started loads that stall ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1500
finish
