#ifndef CNCURSES_H
#define CNCURSES_H
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <ncursesw/ncurses.h>
#include <wchar.h>

/// Swift cannot import ncurses macros and some globals; these inline wrappers expose them.

static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_max_y(void) { int y, x; getmaxyx(stdscr, y, x); (void)x; return y; }
static inline int cn_max_x(void) { int y, x; getmaxyx(stdscr, y, x); (void)y; return x; }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }

/// Sets the current drawing attributes and colour pair.
static inline void cn_set_style(attr_t attrs, short pair) { attr_set(attrs, pair, NULL); }
/// Writes `n` wide characters at (y, x).
static inline int cn_put_wide(int y, int x, const wchar_t *text, int n) { return mvaddnwstr(y, x, text, n); }

/// What `wgetch` returns after a resize (the keys themselves are decoded in Swift from raw bytes).
static inline int cn_key_resize(void) { return KEY_RESIZE; }

/// Saves the terminal modes of standard input so a fatal-signal handler can restore them.
void cn_save_terminal_modes(void);
/// Installs a handler on every signal whose default action ends the process: faults (SIGSEGV, SIGBUS,
/// SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS) restore the terminal and re-raise; every other one (SIGINT,
/// SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGPIPE, SIGALRM, real-time signals, ...) sets a flag for the
/// input loop, which then restores the terminal and exits. A signal ignored at start stays ignored.
void cn_install_signal_handlers(void);
/// Puts back the dispositions `cn_install_signal_handlers` replaced.
void cn_restore_signal_handlers(void);
/// 0: the explorer leaves the signal alone; 1: it quits in order on it; 2: it restores and re-raises.
int cn_signal_kind(int sig);
/// Whether the signal's current handler is one of the explorer's.
int cn_signal_is_handled(int sig);
/// SIGRTMAX (a function call in glibc, so not importable as a constant).
int cn_highest_signal(void);
/// The last termination signal received (0 if none).
int cn_pending_signal(void);
/// Whether `TERM` names a full-screen terminal, checked without letting ncurses print or exit:
/// 0 usable, 1 TERM unset or empty, 2 unknown to the terminfo database, 3 no cursor addressing.
int cn_terminal_check(void);
/// Restores the saved terminal modes and leaves the alternate screen (async-signal-safe).
void cn_emergency_restore(void);
/// Whether the C locale in effect uses UTF-8 (call after setlocale).
int cn_locale_is_utf8(void);
/// Sets the locale from the environment; returns 1 on success.
int cn_setlocale_from_environment(void);

#endif
