#!/bin/bash
# A CIM error opens the CIM_Error view with the server's Message and code;
# cancel during a stalled response.
. "$(dirname "$0")/lib.sh"
start_server --error OpenEnumerateInstances:6
start_ui -n root/test "$URL"
check "UI is up" wait_for "root/test"
keys ':class TST_Disk' Enter
check "the failure shows in the status line" wait_for "CIM_ERR_NOT_FOUND" 5
keys e
check "e opens the CIM_Error view" wait_for "CIM_Error: EnumerateInstances TST_Disk"
check "CIMStatusCode with its name" wait_for "6 (CIM_ERR_NOT_FOUND)"
check "the server's MessageID" wait_for "TST0006"
check "the server's Message" wait_for "Injected error for OpenEnumerateInstances"
check "OwningEntity from the server" wait_for "cimomd"
check "RecommendedActions shown" wait_for "RecommendedActions"
keys q L
check "log has the failed operation" wait_for "CIM_ERR_NOT_FOUND"
keys / NOT_FOUND Enter Enter
check "Enter on a failed log entry opens its CIM_Error" wait_for "CIM_Error: EnumerateInstances"
keys q Escape q ':def NoSuchClass' Enter
check "a missing class fails" wait_for "CIM_ERR_NOT_FOUND" 5
keys '!'
check "! opens the CIM_Error of the missing class" wait_for "CIM_Error: GetClass NoSuchClass"
keys Q
kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null

start_server --bulk 100000 --stall-after-bytes 30000
start_ui -n root/test "$URL"
check "UI is up (stalling server)" wait_for "root/test"
keys ':class TST_Bulk' Enter
check "rows arrive before the stall" wait_for "BULK-00000001" 5
sleep 0.5
check "operation still running (stalled)" wait_for "so far"
t0=$(now_ms)
keys Escape
wait_for "cancelled after" 3
t1=$(now_ms)
check "Esc cancels a stalled response within a second ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 1000
check "rows already received stay" wait_for "BULK-00000001" 1
keys ':class TST_Bulk' Enter
check "a new request does not wait behind the old one" wait_for "Instances of TST_Bulk" 2
keys C-c
check "Ctrl-C cancels too" wait_for "cancelled after" 3
keys ':cancel' Enter
keys Q
finish
