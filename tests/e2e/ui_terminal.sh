#!/bin/bash
# Resize, too-small terminal, hostile strings escaped, SIGHUP restore.
. "$(dirname "$0")/lib.sh"
start_server --hostile escape-sequences
start_ui -n root/test "$URL"
check "UI is up" wait_for "root/interop"
$TMUX_CMD resize-window -x 60 -y 15
check "resize: status line redrawn at the new size" wait_for "root/test"
check "resize: screen is 15 lines" test "$(screen | wc -l)" -eq 15
$TMUX_CMD resize-window -x 30 -y 8
check "below 40x10: terminal too small" wait_for "terminal too small"
$TMUX_CMD resize-window -x 80 -y 24
check "back to 80x24" wait_for "Namespaces"
keys ':class TST_Hostile' Enter
check "hostile instances listed" wait_for "Instances of TST_Hostile"
wait_for "in " 5
check "ESC shown escaped (^[)" wait_for "^["
check "no raw escape sequence reached the terminal (title intact)" wait_for "Instances of TST_Hostile"
pid=$(pane_pid)
check "alternate screen on while running" test "$($TMUX_CMD display -p '#{alternate_on}')" = 1
kill -HUP "$pid"
for i in $(seq 100); do pane_dead && break; sleep 0.05; done
check "SIGHUP: the process exits" pane_dead
check "SIGHUP: terminal restored (alternate screen off)" test "$($TMUX_CMD display -p '#{alternate_on}')" = 0
check "no process left spinning" gone "$pid"
start_ui -n root/test "$URL"
check "UI is up (SIGTERM)" wait_for "root/interop"
pid=$(pane_pid)
kill -TERM "$pid"
for i in $(seq 100); do pane_dead && break; sleep 0.05; done
check "SIGTERM: exits and restores" test "$($TMUX_CMD display -p '#{alternate_on}')" = 0
finish
