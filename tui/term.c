/* term.c - terminal setup, restore and signals.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "term.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static int wake_pipe[2] = {-1, -1};
static atomic_int wake_pending;
static volatile sig_atomic_t exit_sig, got_winch;
static struct termios saved_tio;
static int have_tio, active;
static char reset_seq[256];
static size_t reset_len;
static struct sigaction old_crash[32];

static const int crash_sigs[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};

void term_wake(void)
{
	if (wake_pipe[1] < 0)
		return;
	if (atomic_exchange(&wake_pending, 1))
		return;
	int e = errno;
	ssize_t w = write(wake_pipe[1], "x", 1);
	(void)w;
	errno = e;
}

int term_wake_fd(void)
{
	return wake_pipe[0];
}

void term_wake_drain(void)
{
	char b[256];
	atomic_store(&wake_pending, 0);
	while (read(wake_pipe[0], b, sizeof b) > 0)
		;
}

static void on_exit_sig(int sig)
{
	exit_sig = sig;
	int e = errno;
	ssize_t w = write(wake_pipe[1], "s", 1);
	(void)w;
	errno = e;
}

static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;
	int e = errno;
	ssize_t w = write(wake_pipe[1], "w", 1);
	(void)w;
	errno = e;
}

static void on_crash(int sig)
{
	/* async-signal-safe only: prepared bytes and tcsetattr */
	if (active) {
		if (reset_len) {
			ssize_t w = write(STDOUT_FILENO, reset_seq, reset_len);
			(void)w;
		}
		if (have_tio)
			tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	}
	sigaction(sig, &old_crash[sig], NULL);
	raise(sig);
}

int term_setup(void)
{
	if (pipe(wake_pipe))
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(wake_pipe[i], F_SETFL, fcntl(wake_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_exit_sig;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_winch;
	sigaction(SIGWINCH, &sa, NULL); /* before initscr: ncurses keeps ours */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < sizeof crash_sigs / sizeof crash_sigs[0]; i++)
		sigaction(crash_sigs[i], &sa, &old_crash[crash_sigs[i]]);
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		have_tio = 1;
	return 0;
}

static void add_cap(const char *name)
{
	char *s = tigetstr((char *)name);
	if (!s || s == (char *)-1)
		return;
	size_t l = strlen(s);
	if (reset_len + l < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, l);
		reset_len += l;
	}
}

/* The bytes that switch mouse reporting off, as ncurses does: the XM
 * capability with 0, or X10/normal tracking when the entry has kmous. */
static void add_mouse_off(void)
{
	const char *off = NULL;
	char *xm = tigetstr((char *)"XM");
	if (xm && xm != (char *)-1)
		off = tiparm(xm, 0);
	else if ((xm = tigetstr((char *)"kmous")) && xm != (char *)-1 && *xm)
		off = "\033[?1000l";
	if (!off)
		return;
	size_t l = strlen(off);
	if (reset_len + l < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, off, l);
		reset_len += l;
	}
}

int term_init(void)
{
	if (!getenv("ESCDELAY"))
		set_escdelay(25);
	if (!newterm(NULL, stdout, stdin))
		return -1;
	active = 1;
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	add_cap("rmcup");
	add_mouse_off();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	meta(stdscr, TRUE);
	term_mouse(1);
	return 0;
}

void term_mouse(int on)
{
	mousemask(on ? (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		| BUTTON5_PRESSED
#endif
		) : 0, NULL);
	mouseinterval(0);
}

void term_done(void)
{
	if (!active)
		return;
	active = 0;
	if (!isendwin()) {
		mousemask(0, NULL);
		curs_set(1);
		endwin();
	}
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	fflush(stdout);
}

int term_exit_signal(void)
{
	return exit_sig;
}

int term_resize_pending(void)
{
	if (!got_winch)
		return 0;
	got_winch = 0;
	return 1;
}

void term_resize(void)
{
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
}
