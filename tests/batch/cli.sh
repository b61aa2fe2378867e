#!/bin/sh
# tests/batch/cli.sh - the command line without a server: help, version,
# usage errors, target detection, config file, password rules.
# SPDX-License-Identifier: GPL-3.0-or-later
. "$(dirname "$0")/lib.sh"
plan 22

run --help
check "--help exits 0" test "$RC" = 0
missing=""
for c in ns namespaces ecn classnames ec classes gc get-class ei enum ein names gi get \
	a associators ain associator-names r references rin reference-names q query iv invoke \
	--tree --assoc-class --result-class --role --result-role --max --page-size --no-pull --timeout \
	--trace --format --insecure --cacert --cert --key --protocol --allow-http-basic -n -u \
	CIMTUI_PASSWORD 130 64 69 75 76 77 78; do
	grep -q -- "$c" "$T/out" || missing="$missing $c"
done
check "--help lists every command, option and exit code${missing:+ (missing:$missing)}" test -z "$missing"
run -V
check "-V prints the version" grep -q '^cimtui [0-9]' "$T/out"
expect_rc "unknown option is a usage error" 64 --frobnicate ns
expect_rc "a password option does not exist (never from argv)" 64 --password secret ns
expect_rc "unknown word is a usage error" 64 frobnicate
check "  ... and says what a target looks like" grep -q "neither a command nor a target" "$T/err"
expect_rc "unknown command after a target" 64 local: frobnicate
expect_rc "bad PATH is a usage error" 64 local: gi 'CIM_Process.Handle="1'
check "  ... and names the problem" grep -q "unterminated" "$T/err"
expect_rc "gi of a class path is a usage error" 64 local: gi CIM_Process
expect_rc "bad --format" 64 --format yaml ns
expect_rc "bad --max" 64 --max -3 ns
expect_rc "connection refused gives 69 (options after the command)" 69 http://127.0.0.1:1 ns --timeout 5
expect_rc "user without a password and no terminal" 64 -u admin https://127.0.0.1:1 ns </dev/null
CIMTUI_PASSWORD=x expect_rc "Basic over plain http is refused by default" 64 -u admin http://127.0.0.1:1 ns
check "  ... and explains the opt-in" grep -q -- "--allow-http-basic" "$T/err"
CIMTUI_PASSWORD=x expect_rc "--allow-http-basic lets it through (then refused: 69)" 69 --allow-http-basic -u admin http://127.0.0.1:1 ns

# config file: named connection as the target; permissions
mkdir -p "$XDG_CONFIG_HOME/cimtui"
cfg="$XDG_CONFIG_HOME/cimtui/config"
cat >"$cfg" <<CFG
# test config
namespace = root/test
[connection dead]
url = http://127.0.0.1:1
CFG
chmod 644 "$cfg"
expect_rc "a config file readable by others is refused" 78 ns
check "  ... with a chmod hint" grep -q "chmod 600" "$T/err"
chmod 600 "$cfg"
expect_rc "a named connection is a target (its url is used)" 69 dead ns
printf '[connection bad]\nurl\n' >"$cfg"
expect_rc "config syntax errors are reported" 78 ns
finish
