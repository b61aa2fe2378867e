/* term.h - the terminal layer: curses init/teardown, signals (SIGHUP/TERM
 * restore and leave, crash restore then re-raise, SIGWINCH), wake pipe.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#ifndef CIMTUI_TUI_TERM_H
#define CIMTUI_TUI_TERM_H

/* Wake pipe and signal handlers; call before term_init. Returns 0 or -1. */
int term_setup(void);
/* Curses on the terminal (stdin/stdout); returns 0 or -1. */
int term_init(void);
/* Idempotent; restores the terminal. */
void term_done(void);
/* Write end usable from any thread and from signal handlers. */
void term_wake(void);
int term_wake_fd(void);
void term_wake_drain(void);
/* The exit signal received (SIGHUP, SIGTERM, SIGINT, SIGQUIT) or 0. */
int term_exit_signal(void);
/* 1 once after SIGWINCH: resize curses to the tty's size. */
int term_resize_pending(void);
void term_resize(void);
/* Mouse on/off. */
void term_mouse(int on);

#endif
