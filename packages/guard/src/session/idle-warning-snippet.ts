import { DEFAULT_IDLE_TIMEOUT_MS } from './idle-logoff.ts';

export interface IdleWarningOptions {
  /** Must equal the server's idleLogoff timeout. Default 15 minutes. */
  timeoutMs?: number;
  /** How long before logoff the warning shows. Default 60 seconds. */
  warnBeforeMs?: number;
  /** POSTed (same-origin, keepalive) at logoff so the server session ends too. */
  logoutUrl?: string;
  /** Where the page goes after logoff. Default `/login?reason=idle`. */
  redirectUrl?: string;
  /**
   * Optional endpoint (any route behind idleLogoff) pinged when the user is active, at most
   * once a minute, so typing in a long form counts as activity on the server as well.
   * Without it only page loads reset the timer, exactly as the server sees them.
   */
  keepAliveUrl?: string;
  /** CSP nonce for the script tag. */
  nonce?: string;
}

// Values go into a <script> body: JSON-encode them and break any "</" so no value can
// close the tag.
function js(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * A self-contained `<script>` to embed in every page of a PHI-showing UI: it warns
 * `warnBeforeMs` before the idle timeout (an alertdialog with a "Stay signed in" button)
 * and, at the timeout, ends the server session and redirects.
 */
export function idleWarningSnippet(options: IdleWarningOptions = {}): string {
  const timeoutMs = options.timeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const warnBeforeMs = Math.min(options.warnBeforeMs ?? 60_000, timeoutMs);
  const nonce = options.nonce ? ` nonce="${options.nonce.replace(/[^A-Za-z0-9+/=_-]/g, '')}"` : '';
  const config = {
    timeoutMs,
    warnBeforeMs,
    logoutUrl: options.logoutUrl ?? '/logout',
    redirectUrl: options.redirectUrl ?? '/login?reason=idle',
    keepAliveUrl: options.keepAliveUrl ?? null,
  };
  return `<script${nonce}>(function () {
  var c = ${js(config)};
  var last = Date.now(), lastPing = Date.now(), box = null, done = false;
  function hide() { if (box) { box.remove(); box = null; } }
  function ping() {
    if (!c.keepAliveUrl) { location.reload(); return; }
    lastPing = Date.now();
    fetch(c.keepAliveUrl, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) { if (r.status === 401) logoff(); }, function () {});
  }
  // Activity only counts when the server can hear about it (keepAliveUrl); the warning
  // box is hidden by the timer, not here, so a click on its button still lands.
  function active() {
    if (done || !c.keepAliveUrl) return;
    last = Date.now();
    if (Date.now() - lastPing > 60000) ping();
  }
  function show(seconds) {
    if (!box) {
      box = document.createElement('div');
      box.id = 'chaperone-idle-warning';
      box.setAttribute('role', 'alertdialog');
      box.setAttribute('aria-live', 'assertive');
      box.style.cssText = 'position:fixed;inset:auto 1rem 1rem auto;z-index:2147483647;max-width:22rem;padding:1rem;background:#fff;color:#111;border:2px solid #b00;border-radius:.5rem;font:16px system-ui,sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.3)';
      var text = document.createElement('p');
      text.style.margin = '0 0 .75rem';
      var stay = document.createElement('button');
      stay.type = 'button';
      stay.textContent = 'Stay signed in';
      stay.addEventListener('click', function () { last = Date.now(); hide(); ping(); });
      box.appendChild(text);
      box.appendChild(stay);
      document.body.appendChild(box);
    }
    box.firstChild.textContent = 'For patient privacy you will be signed out in ' + seconds + ' second' + (seconds === 1 ? '' : 's') + ' because of inactivity.';
  }
  function logoff() {
    if (done) return;
    done = true;
    var go = function () { location.assign(c.redirectUrl); };
    fetch(c.logoutUrl, { method: 'POST', credentials: 'same-origin', keepalive: true }).then(go, go);
  }
  ['mousedown', 'keydown', 'touchstart', 'wheel'].forEach(function (e) { addEventListener(e, active, { passive: true, capture: true }); });
  setInterval(function () {
    if (done) return;
    var idle = Date.now() - last;
    if (idle >= c.timeoutMs) logoff();
    else if (idle >= c.timeoutMs - c.warnBeforeMs) show(Math.ceil((c.timeoutMs - idle) / 1000));
    else hide();
  }, Math.max(100, Math.min(1000, c.warnBeforeMs / 4)));
})();</script>`;
}
