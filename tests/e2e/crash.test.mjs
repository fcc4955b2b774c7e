// tests/e2e/crash.test.mjs — crash consistency (issue 8, item 7): bursts of saves, then the page
// or the whole browser dies at a random moment; after reopening, the store loads and every save
// that had been reported as saved is there, never an older or a damaged one.
//
// All trials share one persistent browser profile (IndexedDB on disk); each reopening checks
// what the previous trial left. A trial runs a burst of SetProfileNote commands inside the page:
// an increasing counter, groups of saves at varying rates (same task, 1-5 ms, 10-40 ms apart)
// separated by pauses, some notes close to the 20,000-byte limit. Meanwhile this script polls
// certdesk.state() and records the highest counter seen with shell.save === 'saved'. The trial
// ends at a uniformly random moment, or (half the trials) a random 0-400 ms after the first save
// of the burst was reported saved, by one of three methods in turn: CDP Page.crash (the renderer
// dies), SIGKILL of the browser process, page.close({runBeforeUnload: false}). The next page
// must load without a store error and show exactly one of the notes written (regenerated from
// its header and compared byte for byte), with a counter at least the highest one reported
// saved (and at least the one loaded before); a newer, unsaved one may be there.
//
// Verified to fail: against a build that reports a sync done as soon as it starts (7 of 9
// trials lost a save), and against the test hook that reported the last frame's save state
// (4 of 12 trials lost a save it had called saved).
//
// Usage: node crash.test.mjs <site-dir>
// Environment: CERTDESK_CRASH_SEED (default: random, printed), CERTDESK_CRASH_TRIALS (default 24).
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launchPersistent, openPage, assert, run, state } from './harness.mjs';

const site = process.argv[2];
if (!site) throw new Error('usage: node crash.test.mjs <site-dir>');
const seed = process.env.CERTDESK_CRASH_SEED ? Number(process.env.CERTDESK_CRASH_SEED) >>> 0
                                             : (Math.random() * 2 ** 32) >>> 0;
const trials = Number(process.env.CERTDESK_CRASH_TRIALS || 24);
const METHODS = ['page-crash', 'sigkill', 'close'];
const MAX_NOTE_BYTES = 20000;  // ui/shell/commands.cpp kMaxNoteBytes

// mulberry32: small, seedable, good enough to pick schedules.
function prng(s) {
  return function () {
    s = (s + 0x6D2B79F5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The note for counter `c`, `bytes` UTF-8 bytes long at most: fully determined by (c, bytes), so
// a note read back can be regenerated from its header and compared byte for byte. Mixed ASCII
// and hanzi (3 bytes each). Self-contained: it is also injected into the page.
function makeNote(c, bytes) {
  let s = (c * 2654435761) >>> 0;
  const rnd = () => { s = (Math.imul(s ^ (s >>> 13), 1103515245) + 12345) >>> 0; return s / 4294967296; };
  const hanzi = '认证工作台网络空间安全服务资质审核员评审决定证书监督变更暂停恢复撤销';
  const head = `CRASH#${c}#${bytes}#`, tail = `#END#${c}`;
  let used = head.length + tail.length;
  const parts = [];
  for (;;) {
    const r = rnd();
    const ch = r < 0.3 ? hanzi[Math.floor(rnd() * hanzi.length)] : String.fromCharCode(97 + Math.floor(r * 26));
    const size = ch.charCodeAt(0) > 127 ? 3 : 1;
    if (used + size > bytes) break;
    parts.push(ch);
    used += size;
  }
  return head + parts.join('') + tail;
}

function counterOf(note) {
  const m = /^CRASH#(\d+)#/.exec(note || '');
  return m ? Number(m[1]) : 0;
}

// The note must be exactly one this test wrote (no partial or mixed file).
function intact(note) {
  const m = /^CRASH#(\d+)#(\d+)#/.exec(note || '');
  return !!m && note === makeNote(Number(m[1]), Number(m[2]));
}

// The browser process of a persistent context: the chromium process whose command line names
// this profile and is not a helper (--type=renderer, gpu-process, zygote, ...).
async function browserProcesses(profileDir) {
  const found = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const cmd = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    const args = cmd.split('\0');
    if (args.includes(`--user-data-dir=${profileDir}`)) found.push({ pid: Number(name), helper: args.some((a) => a.startsWith('--type=')) });
  }
  return found;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const server = await serve(site, '/');
const profileDir = await mkdtemp(join(tmpdir(), 'certdesk-crash-'));
const rnd = prng(seed);
console.log(`crash seed=${seed} trials=${trials} (${METHODS.map((m, i) => `${m}=${Math.ceil((trials - i) / METHODS.length)}`).join(' ')})` +
            ` profile=${profileDir}`);

// One burst: groups of saves at a rate picked per group, separated by pauses long enough for
// some syncs to finish, so that saves are reported as saved mid-burst and then put to the test.
// Each step has a wait before it (0 = same task as the previous one) and a note size.
function schedule(first) {
  const mode = Math.floor(rnd() * 4);  // 0 storm, 1 fast, 2 steady, 3 mixed
  const bigShare = rnd() * 0.5;
  const steps = [];
  let total = 0, c = first;
  while (total < 1800) {
    const m = mode === 3 ? Math.floor(rnd() * 3) : mode;
    const n = 1 + Math.floor(rnd() * 25);
    for (let i = 0; i < n; i++) {
      let wait = m === 0 ? (rnd() < 0.7 ? 0 : 1) : m === 1 ? 1 + Math.floor(rnd() * 5) : 10 + Math.floor(rnd() * 30);
      if (i === 0 && steps.length) wait = 50 + Math.floor(rnd() * 700);  // pause between groups
      const bytes = rnd() < bigShare ? MAX_NOTE_BYTES - Math.floor(rnd() * 1500) : 40 + Math.floor(rnd() * 600);
      steps.push({ c: c++, wait, bytes });
      total += wait;
    }
  }
  return { steps, mode: ['storm', 'fast', 'steady', 'mixed'][mode], total };
}


try {
  await run([[`crash consistency under bursts of saves (seed ${seed})`, async () => {
    let context = null, page = null;
    let floor = 0;        // highest counter known durable: reported saved, or loaded back
    let lastWritten = 0;  // highest counter dispatched so far
    let pending = null;   // the trial whose outcome the next reopening checks
    const results = Object.fromEntries(METHODS.map((m) => [m, { trials: 0, ok: 0, lost_saved: 0, corrupt: 0, store_error: 0, fresh_saved: 0, newer_kept: 0 }]));
    const failures = [];

    // Opens the app on the profile and checks what the previous trial left behind.
    const reopen = async () => {
      if (!context) context = await launchPersistent(profileDir);
      const opened = await openPage(context, server.url);
      page = opened.page;
      const check = (s, when) => {
        const note = s.model.profile.note;
        const c = counterOf(note);
        const problems = [];
        if (s.shell.storeError) problems.push(`store error: ${s.shell.storeError}`);
        if (note !== '' && !intact(note)) problems.push(`note damaged (${note.length} chars, starts ${JSON.stringify(note.slice(0, 40))})`);
        if (c < floor) problems.push(`lost saved: loaded #${c}, #${floor} had been reported saved`);
        if (c > lastWritten) problems.push(`loaded #${c}, never written (last #${lastWritten})`);
        if (pending && problems.length) failures.push(`trial ${pending.index} (${pending.method}, ${when}): ${problems.join('; ')}`);
        return { c, problems, storeError: !!s.shell.storeError, corrupt: note !== '' && !intact(note), lost: c < floor };
      };
      let verdict = check(await state(page), 'at load');
      // A tab that opened while the dead one still held the writer lock takes over once it is
      // released, reloading the store: check again then.
      await page.waitForFunction(() => !window.certdesk.state().shell.readOnly, null, { timeout: 20000 });
      const again = check(await state(page), 'after takeover');
      if (again.problems.length && !verdict.problems.length) verdict = again;
      if (pending) {
        const r = results[pending.method];
        r.trials++;
        if (!verdict.problems.length) r.ok++;
        if (verdict.lost) r.lost_saved++;
        if (verdict.corrupt) r.corrupt++;
        if (verdict.storeError) r.store_error++;
        if (verdict.c > pending.savedMax) r.newer_kept++;
        if (pending.fresh) r.fresh_saved++;
        console.log(`  trial ${String(pending.index).padStart(2)} ${pending.method.padEnd(10)} ${pending.mode.padEnd(6)} ` +
                    `steps=${pending.steps} crashAt=${pending.crashAt}ms dispatched>=#${pending.dispatched} ` +
                    `saved>=#${pending.savedMax} loaded=#${verdict.c} polls=${pending.polls} ${verdict.problems.length ? 'FAIL' : 'ok'}`);
      }
      floor = Math.max(floor, verdict.c);
      assert(opened.errors.filter((e) => e.startsWith('pageerror')).length === 0, opened.errors.join('\n'));
    };

    for (let t = 0; t < trials; t++) {
      const method = METHODS[t % METHODS.length];
      if (!page) {
        await reopen();
        // A smaller page draws faster through SwiftShader, which on 2 cores otherwise takes
        // ~95 ms a frame and delays every IndexedDB callback behind it.
        await page.setViewportSize({ width: 640, height: 400 });
      }
      const { steps, mode, total } = schedule(lastWritten + 1);
      // Half the trials crash at a uniformly random moment of the burst; the other half a random
      // 0-400 ms after the first save of this burst was reported saved (the burst goes on), so
      // that most trials put a freshly reported save to the test.
      const afterSaved = rnd() < 0.5;
      const crashAt = afterSaved ? Math.floor(rnd() * 400) : Math.floor(rnd() * total);
      await page.evaluate(`window.__makeNote = ${makeNote.toString()}`);
      const started = await page.evaluate((steps) => {
        window.__burst = { last: 0, refused: 0 };
        (async () => {
          for (const s of steps) {
            if (s.wait > 0) await new Promise((r) => setTimeout(r, s.wait));
            const r = window.certdesk.dispatch({ type: 'SetProfileNote', note: window.__makeNote(s.c, s.bytes) });
            if (r.ok) window.__burst.last = s.c; else window.__burst.refused++;
          }
        })();
        return true;
      }, steps);
      assert(started, 'burst did not start');
      const trialStart = Date.now();
      // Every write handed to dispatch is counted as written before anything can be reported.
      lastWritten = steps[steps.length - 1].c;

      let savedMax = floor, polling = true, polls = 0, refused = 0, reached = 0, savedAt = 0;
      const poller = (async () => {
        while (polling) {
          let r;
          try {
            r = await page.evaluate(() => {
              const s = window.certdesk.state();
              const m = /^CRASH#(\d+)#/.exec(s.model.profile.note);
              return [s.shell.save, m ? Number(m[1]) : 0, window.__burst.refused, window.__burst.last];
            });
          } catch {
            break;  // the page is going away (only ever while crashing)
          }
          polls++;
          refused = r[2];
          reached = r[3];
          if (r[0] === 'saved' && r[1] > savedMax) {
            savedMax = r[1];
            if (!savedAt && r[1] > floor) savedAt = Date.now();
          }
        }
      })();
      if (afterSaved) {
        while (!savedAt && Date.now() - trialStart < total + 5000) await sleep(5);
        await sleep(Math.max(0, crashAt - (Date.now() - (savedAt || trialStart))));
      } else {
        await sleep(Math.max(0, crashAt - (Date.now() - trialStart)));
      }

      // Crash. The poller keeps running until the page is gone; what it saw before counts.
      if (method === 'page-crash') {
        const cdp = await context.newCDPSession(page);
        const crashed = page.waitForEvent('crash', { timeout: 15000 });
        cdp.send('Page.crash').catch(() => {});
        await crashed;
        polling = false;
        await poller;
        await page.close().catch(() => {});
      } else if (method === 'sigkill') {
        const procs = await browserProcesses(profileDir);
        const main = procs.filter((p) => !p.helper);
        assert(main.length === 1, `expected one browser process for the profile, found ${JSON.stringify(procs)}`);
        process.kill(main[0].pid, 'SIGKILL');
        polling = false;
        await poller;
        await context.close().catch(() => {});
        // Helpers of the killed browser (renderer, GPU, zygote) follow it; make sure of it.
        for (let i = 0; i < 50 && (await browserProcesses(profileDir)).length; i++) await sleep(100);
        for (const p of await browserProcesses(profileDir)) { try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ } }
        context = null;
      } else {
        polling = false;
        const closing = page.close({ runBeforeUnload: false });
        await poller;
        await closing;
      }
      page = null;
      assert(refused === 0, `trial ${t}: ${refused} saves were refused`);
      pending = { index: t, method, mode, steps: steps.length, crashAt: `${afterSaved ? 'saved+' : ''}${crashAt}`, dispatched: reached, savedMax, polls,
                  fresh: savedAt > 0 };
      floor = Math.max(floor, savedMax);
    }
    await reopen();
    await context.close();

    let all = { trials: 0, ok: 0, lost_saved: 0, corrupt: 0, store_error: 0 };
    for (const m of METHODS) {
      const r = results[m];
      console.log(`  ${m.padEnd(10)} trials=${r.trials} ok=${r.ok} lost_saved=${r.lost_saved} corrupt=${r.corrupt} ` +
                  `store_error=${r.store_error} (a save of the burst reported saved before the crash: ${r.fresh_saved}; ` +
                  `a newer unsaved one kept: ${r.newer_kept})`);
      for (const k of Object.keys(all)) all[k] += r[k];
    }
    console.log(`crash trials=${all.trials} ok=${all.ok} lost_saved=${all.lost_saved} corrupt=${all.corrupt} store_error=${all.store_error} seed=${seed}`);
    assert(all.trials === trials, `only ${all.trials} of ${trials} trials were checked`);
    assert(failures.length === 0, failures.join('\n'));
  }]]);
} finally {
  await server.close();
  if (process.exitCode) console.log(`profile kept for inspection: ${profileDir}`);
  else await rm(profileDir, { recursive: true, force: true, maxRetries: 5 });
}
