/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
// Scans in progress, on the posture page. The page refreshes this part by itself every few
// seconds with the background header (so the poll is not activity and cannot keep a session
// alive); it never reloads the page, which would count as activity.
import { raw } from 'hono/html';
import type { QueuedRunProgress, RunningRun } from '../data/progress.ts';
import { BACKGROUND_HEADER } from '../auth/idle.ts';
import { when } from './parts.tsx';

export const PROGRESS_PATH = '/runs/progress';
const POLL_MS = 10_000;

function minutesSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

function RunLine(props: { run: RunningRun; now: number }) {
  const r = props.run;
  const of = r.asked ? ` of ${r.asked} asked for` : '';
  return (
    <li data-run={r.runId}>
      Run <code>{r.runId}</code> ({r.platforms.join(', ') || 'scan'}), started {when(r.startedAt)}: <strong>{r.settled}</strong> account{r.settled === 1 ? '' : 's'} settled{of}
      {r.settled ? ` (${r.complete} complete${r.settled - r.complete ? `, ${r.settled - r.complete} not fully collected` : ''})` : ''}, {r.findings.toLocaleString('en-US')} finding
      {r.findings === 1 ? '' : 's'} recorded so far; latest entry {when(r.lastAt)}.
      {r.queue ? <QueueLines queue={r.queue} now={props.now} /> : null}
      {r.quiet ? (
        <span class="bad">
          {' '}
          Nothing recorded for {minutesSince(r.lastAt, props.now)} minutes: the scan has probably stopped; <code>chaperone scan --resume</code> continues it.
        </span>
      ) : null}
    </li>
  );
}

/** A worker not heard from for this long is shown as silent (it writes every second). */
const SILENT_MS = 30_000;

function eta(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A queued run as its planner last wrote it: the totals, the ETA, and what each worker did. */
function QueueLines(props: { queue: QueuedRunProgress; now: number }) {
  const q = props.queue;
  return (
    <div class="queue">
      Queue: <strong>{q.accountsDone.toLocaleString('en-US')}</strong> of {q.accountsTotal.toLocaleString('en-US')} accounts done, {q.requests.toLocaleString('en-US')} requests
      {q.throttled ? `, ${q.throttled.toLocaleString('en-US')} throttled (429)` : ''}
      {q.etaSeconds !== undefined ? `, about ${eta(q.etaSeconds)} left` : ''}; as of {when(q.updated)}.
      {q.workers.length ? (
        <ul class="workers">
          {q.workers.map((w) => {
            const silent = props.now - Date.parse(w.updated) > SILENT_MS;
            return (
              <li data-worker={w.worker}>
                <code>{w.worker}</code>: {w.done} account{w.done === 1 ? '' : 's'} done, {w.active} in hand, {w.requests.toLocaleString('en-US')} requests{w.throttled ? `, ${w.throttled} throttled` : ''}
                {w.failed ? `, ${w.failed} failed` : ''}
                {silent ? <span class="bad"> silent since {when(w.updated)}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <span class="bad"> No worker yet: start <code>chaperone worker --queue URL</code>.</span>
      )}
    </div>
  );
}

/** The card (also served alone at PROGRESS_PATH for the poll); an empty marker when nothing runs. */
export function ProgressCard(props: { runs: readonly RunningRun[]; now: number; polled?: boolean }) {
  if (!props.runs.length) {
    return props.polled ? (
      <section class="card" id="progress" data-done="1">
        <p>The scan has ended. Reload the page to see its posture.</p>
      </section>
    ) : (
      <div id="progress" hidden />
    );
  }
  return (
    <section class="card" id="progress" aria-live="polite">
      <h2>Scan{props.runs.length === 1 ? '' : 's'} in progress</h2>
      <ul>
        {props.runs.map((r) => (
          <RunLine run={r} now={props.now} />
        ))}
      </ul>
      <p class="hint">What the ledger holds so far (an account counts once its findings are recorded); the posture below changes when the run ends.</p>
    </section>
  );
}

/** Replaces the card with a fresh one every few seconds while a scan runs. */
export function progressPoll(nonce: string): ReturnType<typeof raw> {
  const header = JSON.stringify(BACKGROUND_HEADER);
  return raw(`<script nonce="${nonce}">(function () {
  var h = {}; h[${header}] = '1';
  var timer = setInterval(function () {
    var card = document.getElementById('progress');
    if (!card || card.hidden || card.getAttribute('data-done')) { clearInterval(timer); return; }
    fetch(${JSON.stringify(PROGRESS_PATH)}, { credentials: 'same-origin', cache: 'no-store', headers: h }).then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html !== null) card.outerHTML = html;
    }, function () {});
  }, ${POLL_MS});
})();</script>`);
}
