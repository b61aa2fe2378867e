#!/bin/sh
# tests/batch/server.sh - every batch command (short and long name) and
# every output format against the test CIM server, options anywhere,
# --max closing the enumeration.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$(dirname "$0")/lib.sh"
plan 61
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
# association filters (wbemcli's AssocClass, ResultClass, Role, ResultRole)
# and the name-only commands; W00003 belongs to group G01 only
W3='TEST_Widget.InstanceID="W00003"'
G01='/root/test:TEST_WidgetGroup.InstanceID="G01"'
GM3='/root/test:TEST_GroupMember.Group="TEST_WidgetGroup.InstanceID=\"G01\"",Member="TEST_Widget.InstanceID=\"W00003\""'
both "^$G01\$" ain associator-names "$W3"
both '^/root/test:TEST_GroupMember\.Group=' rin reference-names "$W3"
run "$URL" -n root/test a "$W3" --assoc-class TEST_GroupMember --result-class TEST_WidgetGroup --trace "$T/assoc.trace"
check "a --assoc-class --result-class: the widget's one group, G01" \
	test "$RC" = 0 -a "$(grep -c '^instance of ' "$T/out")" = 1 -a "$(grep -c '^    InstanceID = "G01";$' "$T/out")" = 1
check "  ... sent as AssocClass and ResultClass" \
	test "$(grep -o '<IPARAMVALUE NAME="AssocClass"><CLASSNAME NAME="TEST_GroupMember"/>\|<IPARAMVALUE NAME="ResultClass"><CLASSNAME NAME="TEST_WidgetGroup"/>' "$T/assoc.trace" | sort -u | wc -l)" -eq 2
run "$URL" -n root/test -f json associators --role Member --result-role Group "$W3"
check "a --role Member --result-role Group: G01 (json)" python3 -c 'import json,sys
r=[json.loads(l) for l in open(sys.argv[1])]
assert len(r)==1 and r[0]["classname"]=="TEST_WidgetGroup", r
assert r[0]["properties"]["InstanceID"]["value"]=="G01", r' "$T/out"
run "$URL" -n root/test a --role Group --result-role Member "$W3"
check "a with the roles swapped: 0 results, exit 0" test "$RC" = 0 -a ! -s "$T/out"
run "$URL" -n root/test a --result-class TEST_Widget "$W3"
check "a --result-class matching nothing: 0 results, exit 0" test "$RC" = 0 -a ! -s "$T/out"
run "$URL" -n root/test ain --assoc-class TEST_GroupMember --result-class TEST_WidgetGroup --role Member --result-role Group "$W3"
check "ain with every filter prints only G01's path" test "$RC" = 0 -a "$(cat "$T/out")" = "$G01"
run "$URL" -n root/test rin "$W3"
check "rin prints only the membership's path" test "$RC" = 0 -a "$(cat "$T/out")" = "$GM3"
run "$URL" -n root/test r --result-class TEST_GroupMember --role Member "$W3"
check "r --result-class --role: the membership of W00003 in G01" \
	test "$RC" = 0 -a "$(grep -c '^instance of TEST_GroupMember {$' "$T/out")" = 1 -a \
	"$(grep -c 'Member = "TEST_Widget.InstanceID=\\"W00003\\"";' "$T/out")" = 1
run "$URL" -n root/test rin --role Group "$W3"
check "rin --role Group (the widget is the Member): 0 results, exit 0" test "$RC" = 0 -a ! -s "$T/out"
run "$URL" -n root/test ain "$W3" -f xml
check "ain honours --format xml (a LOCALINSTANCEPATH, no INSTANCE)" \
	test "$(grep -c '<INSTANCENAME CLASSNAME="TEST_WidgetGroup"><KEYBINDING NAME="InstanceID"><KEYVALUE[^>]*>G01<' "$T/out")" = 1 -a \
	"$(grep -c '<INSTANCE ' "$T/out")" = 0
run "$URL" -n root/test rin "$W3" -f json
check "rin honours --format json" python3 -c 'import json,sys
r=[json.loads(l) for l in open(sys.argv[1])]
assert len(r)==1 and r[0]["classname"]=="TEST_GroupMember", r
assert "W00003" in r[0]["path"] and "G01" in r[0]["path"], r' "$T/out"
: >"$LOG"
run "$URL" -n root/test ain --no-pull --result-role Group "$W3"
check "ain --no-pull uses AssociatorNames" test "$(cat "$T/out")" = "$G01" -a "$(grep -c '^AssociatorNames root/test' "$LOG")" = 1
expect_rc "r --assoc-class is a usage error" 64 "$URL" -n root/test r --assoc-class TEST_GroupMember "$W3"
check "  ... naming the option" grep -q -- "--assoc-class does not apply to r" "$T/err"
expect_rc "rin --result-role is a usage error" 64 "$URL" -n root/test rin --result-role Group "$W3"
expect_rc "--role with another command is a usage error" 64 "$URL" -n root/test ei TEST_Widget --role Member
finish
