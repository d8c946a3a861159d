#include "CNcurses.h"
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ncursesw/term.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_modes;
static volatile sig_atomic_t have_saved_modes = 0;
static volatile sig_atomic_t pending_signal = 0;

/* The dispositions replaced by cn_install_signal_handlers, restored by cn_restore_signal_handlers. */
#ifndef NSIG
#define NSIG 65
#endif
static struct sigaction saved_actions[NSIG];
static unsigned char replaced[NSIG];

void cn_save_terminal_modes(void) {
  if (tcgetattr(STDIN_FILENO, &saved_modes) == 0) have_saved_modes = 1;
}

void cn_emergency_restore(void) {
  /* Reset attributes, show the cursor, stop every mouse and focus report, leave the alternate screen. */
  static const char reset[] =
      "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1003l\033[?1004l\033[?1005l\033[?1006l\033[?1015l"
      "\033[?2004l\033[?1049l\r\n";
  ssize_t ignored = write(STDOUT_FILENO, reset, sizeof(reset) - 1);
  (void)ignored;
  if (have_saved_modes) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_modes);
}

static void on_termination(int sig) { pending_signal = sig; }

static void on_fatal(int sig) {
  cn_emergency_restore();
  signal(sig, SIG_DFL);
  raise(sig);
}

int cn_signal_kind(int sig) {
  switch (sig) {
  case SIGKILL:
  case SIGSTOP: /* cannot be caught */
  case SIGCHLD:
  case SIGCONT:
  case SIGURG:
  case SIGWINCH: /* ignored by default; SIGWINCH is ncurses' */
  case SIGTSTP:
  case SIGTTIN:
  case SIGTTOU: /* stop by default: ncurses restores and re-enters the screen around SIGTSTP */
    return 0;
  case SIGSEGV:
  case SIGBUS:
  case SIGFPE:
  case SIGILL:
  case SIGABRT:
  case SIGTRAP:
  case SIGSYS: /* raised by the faulting code: restore at once and die by the signal */
    return 2;
  default: /* every other signal ends the process by default: quit the loop in order */
    return (sig > 0 && sig < 32) || (sig >= SIGRTMIN && sig <= SIGRTMAX) ? 1 : 0;
  }
}

static void replace(int sig, void (*handler)(int), int flags) {
  struct sigaction action, previous;
  memset(&action, 0, sizeof(action));
  sigemptyset(&action.sa_mask);
  action.sa_handler = handler;
  action.sa_flags = flags;
  if (sigaction(sig, &action, &previous) != 0) return;
  if (handler == on_termination && previous.sa_handler == SIG_IGN) {
    /* Ignored by whoever started us (nohup, a background job): keep it so. */
    sigaction(sig, &previous, NULL);
    return;
  }
  saved_actions[sig] = previous;
  replaced[sig] = 1;
}

void cn_install_signal_handlers(void) {
  for (int sig = 1; sig < NSIG; sig++) {
    switch (cn_signal_kind(sig)) {
    case 1: replace(sig, on_termination, 0); break;
    case 2: replace(sig, on_fatal, SA_RESETHAND); break;
    default: break;
    }
  }
}

void cn_restore_signal_handlers(void) {
  for (int sig = 1; sig < NSIG; sig++) {
    if (!replaced[sig]) continue;
    sigaction(sig, &saved_actions[sig], NULL);
    replaced[sig] = 0;
  }
}

int cn_signal_is_handled(int sig) {
  struct sigaction current;
  if (sig <= 0 || sig >= NSIG || sigaction(sig, NULL, &current) != 0) return 0;
  return current.sa_handler == on_termination || current.sa_handler == on_fatal;
}

int cn_highest_signal(void) { return SIGRTMAX; }

int cn_pending_signal(void) { return pending_signal; }

int cn_terminal_check(void) {
  const char *name = getenv("TERM");
  if (name == NULL || name[0] == '\0') return 1;
  int status = 0;
  if (setupterm(name, STDOUT_FILENO, &status) != OK) return 2;
  const char *cup = tigetstr("cup");
  int addressable = cup != NULL && cup != (const char *)-1 && !tigetflag("hc");
  del_curterm(cur_term);
  return addressable ? 0 : 3;
}

int cn_setlocale_from_environment(void) { return setlocale(LC_ALL, "") != NULL; }

int cn_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  if (codeset == NULL) return 0;
  return strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0;
}
