#!/bin/sh
# tests/batch/local.sh - batch commands against the embedded local:
# provider (the default target).
# SPDX-License-Identifier: GPL-3.0-or-later
. "$(dirname "$0")/lib.sh"
plan 7

run local: ns
check "local: ns lists root/cimv2" grep -q '^root/cimv2$' "$T/out"
run local: ei CIM_Process --format json
check "local: ei CIM_Process is valid JSON Lines" json_ok "$T/out" 2
check "  ... and lists this test's own process ($$)" python3 -c 'import json,sys
pid=sys.argv[2]
assert any(json.loads(l)["properties"]["Handle"]["value"]==pid for l in open(sys.argv[1])), pid' "$T/out" "$$"
run ei CIM_Process --max 1
check "no target: local: is the default (cimtui ei CIM_Process)" sh -c "test $RC = 0 && grep -q '^instance of ' '$T/out'"
run gi "CIM_Process.Handle=\"$$\""
check "gi of this process by its Handle key alone" sh -c "test $RC = 0 && grep -q 'Handle = \"$$\";' '$T/out'"
run local: -n root/cimv2 gi 'CIM_Process.Handle="999999999"'
check "gi of a missing process exits 6 (got $RC)" test "$RC" = 6
run local: ec --tree
check "local: ec --tree has CIM_ManagedElement at the top" grep -q '^CIM_ManagedElement$' "$T/out"
finish
