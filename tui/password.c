/* password.c - reads a password from the terminal without echo.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include "conffile.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t restore_fd = -1;
static struct termios saved;

static void on_signal(int sig)
{
	if (restore_fd >= 0)
		tcsetattr(restore_fd, TCSAFLUSH, &saved);
	(void)!write(restore_fd >= 0 ? restore_fd : 2, "\n", 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

char *password_prompt(const char *prompt)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (tcgetattr(fd, &saved) != 0) {
		close(fd);
		return NULL;
	}
	struct sigaction sa, old_int, old_term, old_hup;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	restore_fd = fd;

	struct termios t = saved;
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
	t.c_lflag |= ICANON;
	(void)!write(fd, prompt, strlen(prompt));
	tcsetattr(fd, TCSAFLUSH, &t);

	char buf[1024];
	size_t n = 0;
	int ok = 0;
	for (;;) {
		char ch;
		ssize_t r = read(fd, &ch, 1);
		if (r <= 0)
			break;
		if (ch == '\n' || ch == '\r') {
			ok = 1;
			break;
		}
		if (n + 1 < sizeof buf)
			buf[n++] = ch;
	}
	buf[n] = '\0';
	tcsetattr(fd, TCSAFLUSH, &saved);
	(void)!write(fd, "\n", 1);
	restore_fd = -1;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	close(fd);
	char *p = ok ? strdup(buf) : NULL;
	explicit_bzero(buf, sizeof buf);
	return p;
}

void password_free(char *p)
{
	if (!p)
		return;
	explicit_bzero(p, strlen(p));
	free(p);
}
