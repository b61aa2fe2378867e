#!/bin/bash
# Navigation through every view, paging of 100,000 instances with the
# counter moving and the UI responsive, cancel, help, log, class definition.
. "$(dirname "$0")/lib.sh"
start_server --bulk 100000 --delay-ms 5
start_ui -n root/test "$URL"

check "namespaces view lists the server's namespaces" wait_for "root/interop"
check "cursor starts on the current namespace" wait_for "4/4"
keys Enter
check "classes view shows the class tree" wait_for "Classes in root/test"
check "tree has the hierarchy" wait_for "CIM_ManagedElement"
keys '*'
check "expand all shows subclasses" wait_for "TST_Disk"
keys t
check "t switches to the flat list" wait_for "(flat)"
keys ':class TST_Bulk' Enter
check "instances view opens at once" wait_for "Instances of TST_Bulk in root/test"
check "key column first and marked" wait_for "*InstanceID"
check "footer counts rows so far with a rate" wait_for "so far, "
c1=$(screen | grep -o '[0-9,]* so far' | head -1)
sleep 0.5
c2=$(screen | grep -o '[0-9,]* so far' | head -1)
check "the counter moves ($c1 -> $c2)" test "$c1" != "$c2"
t0=$(now_ms)
keys j
wait_for "2/" 2
t1=$(now_ms)
check "a key during paging is acted on within 200 ms ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 200
keys '>'
check "columns scroll horizontally" wait_gone "*InstanceID" 2
keys '<'
keys Enter
check "Enter opens the instance (GetInstance)" wait_for 'Instance TST_Bulk.InstanceID="BULK-00000001"'
check "instance view shows types and keys" wait_for "*InstanceID"
check "datetimes readable" wait_for "2026-01-01 00:00:01"
keys d
check "d opens the class definition" wait_for "Class TST_Bulk in root/test"
check "class definition lists properties" wait_for "Properties ("
keys q
keys q
check "q returns to the table" wait_for "Instances of TST_Bulk"
keys Escape
check "Esc cancels paging: cancelled after N" wait_for "cancelled after" 2
keys '?'
check "? shows the keys of the view" wait_for "Help: instances"
keys / Sort Enter
check "help lists a view-specific key (found with the filter)" wait_for "Sort by the leftmost"
keys q L
check "L opens the operations log" wait_for "Operations log"
check "log lists the cancelled enumeration" wait_for "cancelled"
keys q
keys ':get TST_Disk.DeviceID="disk0"' Enter
if wait_for "Instance TST_Disk" 5; then ok ":get opens an instance by path"; else not_ok ":get opens an instance by path"; fi
keys Q
for i in $(seq 100); do pane_dead && break; sleep 0.05; done
check "Q quits" pane_dead
finish
