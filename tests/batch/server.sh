#!/bin/sh
# tests/batch/server.sh - every batch command (short and long name) and
# every output format against the test CIM server, options anywhere,
# --max closing the enumeration.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$(dirname "$0")/lib.sh"
plan 41
start_server main

# every command by both names: CMD ALIAS ARGS... | grep pattern
both() {
	pat=$1 short=$2 long=$3
	shift 3
	for c in "$short" "$long"; do
		run "$URL" -n root/test "$c" "$@"
		if [ "$RC" = 0 ] && grep -q -- "$pat" "$T/out"; then ok "$c"; else not_ok "$c (exit $RC)"; diag "$T/err"; fi
	done
}
both '^root/test$' ns namespaces
both '^TEST_Widget$' ecn classnames
both '^class TEST_Widget : CIM_ManagedElement {$' ec classes
both '^    \[Key\]$' gc get-class TEST_Widget
both 'Label = "Widget number 3 <&> \\"q\\"";' ei enum TEST_Widget
both '^/root/test:TEST_Widget.InstanceID="W00019"$' ein names TEST_Widget
both 'Weight = ' gi get 'TEST_Widget.InstanceID="W00002"'
both '^instance of TEST_WidgetGroup {$' a associators 'TEST_Widget.InstanceID="W00002"'
both '^instance of TEST_GroupMember {$' r references 'TEST_Widget.InstanceID="W00002"'
both 'InstanceID = "W00001";' q query WQL 'SELECT * FROM TEST_Widget WHERE Index = 1'
both '^    Sum = 42;$' iv invoke TST_Calculator Add A=40 B=2

run "$URL" -n root/test ec --tree
check "ec --tree draws the hierarchy" grep -q '^│               └── TST_Disk$' "$T/out"
run "$URL" -n root/test ein TEST_Widget
check "ein lists all 20 widgets" test "$(wc -l <"$T/out")" -eq 20

# formats
run -n root/test "$URL" ei TEST_Widget --format json
check "json: one valid object per widget" json_ok "$T/out" 20
run -n root/test "$URL" gi 'TST_AllTypes.InstanceID="all-1"' -f json
check "json: every type of TST_AllTypes parses" json_ok "$T/out" 1
check "json: 64-bit integers are numbers" grep -q '"U64":{"type":"uint64","value":18446744073709551615}' "$T/out"
check "json: NaN is a string" grep -q '"NaN"' "$T/out"
run -n root/test "$URL" ei TEST_Widget --format xml
check "xml: well-formed" xml_ok "$T/out"
check "xml: 20 instances" test "$(grep -c '<INSTANCE CLASSNAME="TEST_Widget">' "$T/out")" -eq 20
run -n root/test "$URL" ei TEST_Widget --format csv
check "csv: header and 20 rows (RFC 4180)" python3 -c 'import csv,sys
r=list(csv.reader(open(sys.argv[1], newline="")))
assert r[0][0]=="InstanceID" and len(r)==21, r[0]
assert r[4][r[0].index("Label")]=="Widget number 3 <&> \"q\""' "$T/out"
run -n root/test "$URL" ei TEST_WidgetGroup --format table
check "table: aligned header" grep -q '^InstanceID  Caption         Description' "$T/out"
run -n root/test "$URL" gi 'TST_AllTypes.InstanceID="all-1"'
check "mof: strings escaped as MOF does" grep -q 'Multiline = "line1\\nline2\\r\\n\\ttabbed  ";' "$T/out"
check "mof: embedded instances nested" grep -q '^    Embedded = instance of TST_Embedded {$' "$T/out"
run -n root/test "$URL" gi 'TST_AllTypes.InstanceID="all-1"' -f xml
check "xml: every type of TST_AllTypes is well-formed" xml_ok "$T/out"

# options before and after the target and command
run "$URL" ei TEST_WidgetGroup -n root/test -f json
check "options after the command" json_ok "$T/out" 2
run -f json -n root/test "$URL" ei TEST_WidgetGroup
check "options before the target" json_ok "$T/out" 2
run "$URL" -n root/test gi '/root/test:TEST_GroupMember.Group="TEST_WidgetGroup.InstanceID=\"G00\"",Member="TEST_Widget.InstanceID=\"W00002\""'
check "gi with reference keys" test "$RC" = 0

# --max stops early and closes the enumeration
: >"$LOG"
run "$URL" -n root/test ein TST_Bulk --max 5 --page-size 2
check "--max 5 prints 5 paths" test "$RC" = 0 -a "$(wc -l <"$T/out")" -eq 5
# the request is sent before cimtui exits, so it is in the log at once
check "--max closes the enumeration (CloseEnumeration)" wait_for "$LOG" '^CloseEnumeration' 2
run "$URL" -n root/test ei TST_Bulk --no-pull --max 3 -f json
check "--no-pull uses EnumerateInstances" grep -q '^EnumerateInstances root/test TST_Bulk' "$LOG"
finish
