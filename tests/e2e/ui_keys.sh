#!/bin/bash
# Key bindings from the config file (bind, unbind, a bad line warned
# about, the help view lists the effective keys); a NULL array element in
# the instance view; Enter on an empty table.
. "$(dirname "$0")/lib.sh"
# wait_pos N/M: the title's position counter reads N/M
wait_pos() {
	local i
	for i in $(seq 250); do
		screen | head -1 | grep -q " $1\$" && return 0
		sleep 0.02
	done
	return 1
}
# wait_re REGEX: polls the screen until a line matches (grep -E)
wait_re() {
	local i
	for i in $(seq 250); do
		screen | grep -qE -- "$1" && return 0
		sleep 0.02
	done
	return 1
}
start_server
mkdir -p "$SCRATCH/config/cimtui"
cat >"$SCRATCH/config/cimtui/config" <<'EOF'
# written by ui_keys.sh
bind generic J move-down
bind instances x class-def
unbind generic j
bind generic j jump
[connection elsewhere]
url = http://127.0.0.1:1
bind generic K move-up
EOF
chmod 600 "$SCRATCH/config/cimtui/config"
start_ui -n root/test "$URL"
check "UI is up" wait_for "root/interop"
check "cursor on the current namespace" wait_pos 4/4

# ---- a bad line: warned about with file and line, the rest applies ----
check "the bad bind line is shown with its file and line" \
	wait_for "config:5: unknown action 'jump'"
check "and written to stderr" \
	grep -qF "cimtui: $SCRATCH/config/cimtui/config:5: unknown action 'jump'; line ignored" "$SCRATCH/stderr"

# ---- bind / unbind in the generic keymap ----
keys K
check "K (bound after a connection section) moves up" wait_pos 3/4
keys K
check "K again" wait_pos 2/4
keys j J
check "j is unbound (does nothing), J moves down" wait_pos 3/4
keys k
check "k, not rebound, still moves up" wait_pos 2/4

# ---- a view keymap ----
keys ':class TST_AllTypes' Enter
check "instances of TST_AllTypes" wait_for "Instances of TST_AllTypes in root/test"
check "two rows" wait_pos 1/2
keys j J
check "in the table too: j nothing, J down" wait_pos 2/2
keys x
check "x (instances keymap) opens the class definition" wait_for "Class TST_AllTypes in root/test"
keys q
check "back in the table" wait_for "Instances of TST_AllTypes"

# ---- ? lists the effective bindings ----
keys '?'
check "? shows the keys of the instances view" wait_for "Help: instances"
check "help: J moves down, j is gone" wait_re '^ +<Down> J +Move down$'
check "help: K moves up, next to the defaults" wait_re '^ +<Up> k K +Move up$'
keys / Definition Enter
check "help: x opens the class definition, next to d" wait_re '^ +d x +Definition of the class$'
keys q
check "help closed" wait_for "Instances of TST_AllTypes"

# ---- a NULL element of an array shows as NULL ----
keys K Enter
check "all-1 opens" wait_for 'Instance TST_AllTypes.InstanceID="all-1"'
check "all-1 is loaded" wait_for "all types"
keys / NULL Enter
check "ArrayWithNull: its NULL element [1] reads NULL" wait_re '^ +\[1\] +NULL$'
check "the property itself has 3 items" wait_re '^  ArrayWithNull +string\[\] +3 items$'
keys q

# ---- Enter on an empty table ----
keys ':class TST_Embedded' Enter
check "the empty table is there" wait_for "Instances of TST_Embedded in root/test"
check "with no rows" wait_for "0 in "
keys Enter
check "Enter on an empty table: nothing to open" wait_for "nothing to open: no rows"
check "not the misleading 'no key properties'" bash -c "! $TMUX_CMD capture-pane -p | grep -qF 'no key properties'"

keys Q
for i in $(seq 100); do pane_dead && break; sleep 0.05; done
check "Q quits" pane_dead
finish
