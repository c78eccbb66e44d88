// The session ends after 30 minutes without activity (issue 16; GB/T 22239-2019 8.1.4.1 b,
// 登录连接超时自动退出): every key, click, touch, wheel or pointer move in the page counts as
// activity; when none came for the whole period the shell signs out (js/main.js: the API's
// logout revokes the session, so its refresh token is dead too). The last activity is kept
// in sessionStorage, so that a page reloaded after a long pause ends the session as well.
//
// The period is the console's, not a setting: the browser tests shorten time itself with
// Playwright's clock (`page.clock`), which drives Date.now() and setTimeout here.

export const IDLE_MS = 30 * 60 * 1000;
const ACTIVITY_KEY = "hhgraph.activity";
const EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"];
const WRITE_EVERY_MS = 5_000; // storage is written at most this often while the user works

let timer = null;
let last = 0;
let written = 0;

function lastActivity() {
  return Math.max(last, Number(sessionStorage.getItem(ACTIVITY_KEY) || 0));
}

/** Activity now (also the start of a session). */
export function touch() {
  last = Date.now();
  if (last - written < WRITE_EVERY_MS) return;
  written = last;
  sessionStorage.setItem(ACTIVITY_KEY, String(last));
}

/** Forget the activity of a session that ended. */
export function forget() {
  last = 0;
  written = 0;
  sessionStorage.removeItem(ACTIVITY_KEY);
}

/**
 * Watch for inactivity: `onIdle()` once a signed-in session (`active()`) had no activity for
 * IDLE_MS, then again only after a new session began.
 */
export function watchIdle(active, onIdle) {
  for (const name of EVENTS) {
    window.addEventListener(name, () => active() && touch(), { passive: true, capture: true });
  }
  const check = () => {
    clearTimeout(timer);
    if (!active()) {
      timer = setTimeout(check, WRITE_EVERY_MS);
      return;
    }
    if (!lastActivity()) touch(); // a session that began before the watch (a reload)
    const left = lastActivity() + IDLE_MS - Date.now();
    if (left <= 0) {
      forget();
      onIdle();
      timer = setTimeout(check, WRITE_EVERY_MS);
    } else {
      timer = setTimeout(check, Math.min(left, IDLE_MS));
    }
  };
  check();
}
