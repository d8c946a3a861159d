#include "CNcurses.h"
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_modes;
static volatile sig_atomic_t have_saved_modes = 0;
static volatile sig_atomic_t pending_signal = 0;

void cn_save_terminal_modes(void) {
  if (tcgetattr(STDIN_FILENO, &saved_modes) == 0) have_saved_modes = 1;
}

void cn_emergency_restore(void) {
  /* Show the cursor, stop mouse reporting, reset attributes, leave the alternate screen. */
  static const char reset[] = "\033[0m\033[?25h\033[?1000l\033[?1002l\033[?1006l\033[?1049l\r\n";
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

void cn_install_signal_handlers(void) {
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  sigemptyset(&action.sa_mask);
  action.sa_handler = on_termination;
  sigaction(SIGINT, &action, NULL);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
  action.sa_handler = on_fatal;
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGSEGV, &action, NULL);
  sigaction(SIGBUS, &action, NULL);
  sigaction(SIGFPE, &action, NULL);
  sigaction(SIGILL, &action, NULL);
  sigaction(SIGABRT, &action, NULL);
  sigaction(SIGTRAP, &action, NULL);
}

int cn_pending_signal(void) { return pending_signal; }

int cn_setlocale_from_environment(void) { return setlocale(LC_ALL, "") != NULL; }

int cn_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  if (codeset == NULL) return 0;
  return strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0;
}
