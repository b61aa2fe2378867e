#!/bin/bash
# Filter, command-line history and completion, themes.
. "$(dirname "$0")/lib.sh"
start_server
start_ui -n root/test "$URL"
check "UI is up" wait_for "root/test"
keys ':cla' Tab
check "Tab completes a command" wait_for ":class"
keys 'TST_Mu' Tab
check "Tab completes a class name" wait_for ":class TST_MultiKey"
keys C-u 'class TST_Bulk' Enter
check "the command runs" wait_for "Instances of TST_Bulk"
check "paging finishes with a count and time" wait_for "1,000 in " 10
keys / 'item-77' 
check "the filter applies as you type" wait_for "[filter: item-77]"
check "filtered rows shown" wait_for "bulk-item-774"
check "non-matching rows hidden" wait_gone "bulk-item-1 " 2
keys Enter n
check "n moves to the next match" wait_for "2/11"
keys Escape
check "Esc clears the filter" wait_gone "[filter:" 2
keys ':columns Name,Count' Enter
check ":columns chooses columns" wait_for "Name"
check ":columns hides the others" wait_gone "Enabled" 2
keys ':sort Index desc' Enter
check ":sort sorts" wait_for "sorted by Index"
keys ':columns Index,Name' Enter
check "sorted descending" wait_for "999 "
keys ':theme dark' Enter
check ":theme switches the theme" wait_for "theme dark"
mkdir -p "$SCRATCH/config/cimtui/themes"
printf '# broken\ncolor title red blue\ncolor nosuch red blue\n' > "$SCRATCH/config/cimtui/themes/broken.theme"
keys ':theme broken' Enter
check "a broken theme names the line and falls back" wait_for "line 3: unknown element 'nosuch'"
keys ':export' ' ' "$SCRATCH/out.csv" Enter
check ":export writes CSV" wait_for "rows written"
check "export file has the header" grep -q '^Index,Name' "$SCRATCH/out.csv"
keys Q
for i in $(seq 100); do pane_dead && break; sleep 0.05; done
check "history saved on quit" grep -q 'class TST_Bulk' "$SCRATCH/state/cimtui/history"
start_ui -n root/test "$URL"
check "UI is up again" wait_for "root/test"
keys ':' Up
check "history recalled in a new run" wait_for ":export"
keys Escape
keys Q
EXTRA_ENV="NO_COLOR=1" start_ui --theme dark -n root/test "$URL"
check "mono run (NO_COLOR) works" wait_for "root/interop"
keys Q
# :export writes what batch mode writes; the file's extension picks the format
start_ui -n root/test "$URL"
check "UI is up for :export" wait_for "root/test"
keys ':class TST_Bulk' Enter
check "rows to export" wait_for "1,000 in " 10
keys ':export' ' ' "$SCRATCH/e.json" Enter
check ":export FILE.json writes the instances" wait_for "1000 instances written to $SCRATCH/e.json" 10
check "export .json is JSON Lines of typed instances" python3 -c 'import json,sys
l=[json.loads(x) for x in open(sys.argv[1])]
assert len(l)==1000, len(l)
assert l[0]["classname"]=="TST_Bulk" and l[0]["namespace"]=="root/test", l[0]
assert any(p.get("key") for p in l[0]["properties"].values()), l[0]' "$SCRATCH/e.json"
keys / 'item-77' Enter
check "filter for the MOF export" wait_for "[filter: item-77]"
keys ':export' ' ' "$SCRATCH/e.mof" Enter
check ":export FILE.mof keeps the filter" wait_for "11 instances written to $SCRATCH/e.mof" 10
check "export .mof holds MOF instances" sh -c 'test "$(grep -c "^instance of TST_Bulk {" "$1")" = 11 && grep -q "^// /root/test:TST_Bulk\." "$1"' sh "$SCRATCH/e.mof"
keys ':export' ' ' "$SCRATCH/e.xml" Enter
check ":export FILE.xml writes XML" wait_for "11 instances written to $SCRATCH/e.xml" 10
check "export .xml is well-formed CIM-XML" python3 -c 'import sys, xml.etree.ElementTree as E
r=E.parse(sys.argv[1]).getroot()
assert r.tag=="RESULTS" and len(r)==11, (r.tag, len(r))
assert all(c.tag=="VALUE.OBJECTWITHLOCALPATH" and c.find("INSTANCE").get("CLASSNAME")=="TST_Bulk" for c in r)' "$SCRATCH/e.xml"
keys Q
finish
