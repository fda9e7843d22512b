#!/usr/bin/env node
// Playback harness: plays a DASH/HLS manifest in Debian's headless Chromium with hls.js, Shaka Player or dash.js and
// prints a JSON report (see page.js for the checks). Everything is fetched from 127.0.0.1.
//
// Served mode (used by the Java tests, io.github.streamgear.playback.PlayerHarness): one browser for many runs.
//   node harness.mjs --serve --base http://127.0.0.1:PORT/ [--parallel 4]
//   stdin:  one JSON request per line  {"id": "1", "player": "shaka", "url": "http://127.0.0.1:PORT/media/0/job/manifest.mpd", ...}
//   stdout: {"ready": true, ...} once the browser runs, then one {"id": "1", "report": {...}} per request (any order)
//   The server at --base must serve /harness/ (this folder) and /lib/ (node_modules) next to the media.
//
// One-shot mode (by hand): serves DIR itself, plays DIR/MANIFEST once, prints the report, exit code 1 on failure.
//   node harness.mjs --root DIR --manifest job/manifest.mpd --player shaka [--live [--live-window 6]] [--advance 1.5] [--rate 4]
//     [--tracks '{"audioLanguage":"fra","switchAt":2,"textLanguage":"eng","cueTimes":[0.5,2.5]}']  (track scenario, page.js)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const MIME = {
  '.mpd': 'application/dash+xml',
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ts': 'video/mp2t',
  '.vtt': 'text/vtt',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
};

function parseArgs(argv) {
  const args = { live: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(a + ' needs a value');
      return argv[++i];
    };
    switch (a) {
      case '--serve': args.serve = true; break;
      case '--base': args.base = value(); break;
      case '--root': args.root = value(); break;
      case '--manifest': args.manifest = value(); break;
      case '--player': args.player = value(); break;
      case '--live': args.live = true; break;
      case '--advance': args.advanceSeconds = Number(value()); break;
      case '--rendition-seconds': args.renditionSeconds = Number(value()); break;
      case '--end-timeout': args.endTimeoutMs = Number(value()) * 1000; break;
      case '--live-window': args.liveWindowSeconds = Number(value()); break;
      case '--rate': args.playbackRate = Number(value()); break;
      case '--parallel': args.parallel = Number(value()); break;
      case '--tracks': args.tracks = JSON.parse(value()); break;
      default: throw new Error('unknown argument ' + a);
    }
  }
  return args;
}

async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'streamgear-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, close, version: context.browser() ? context.browser().version() : '' };
}

/** A fresh page, and what the browser sees on it: HTTP errors, failed requests, console errors and warnings, script errors. */
async function watchedPage(context) {
  const page = await context.newPage();
  const seen = { httpErrors: [], consoleLines: [], pageErrors: [] };
  page.on('response', (r) => {
    if (r.status() >= 400) seen.httpErrors.push(r.status() + ' ' + r.url());
  });
  page.on('requestfailed', (r) => {
    const reason = r.failure() ? r.failure().errorText : '?';
    if (reason !== 'net::ERR_ABORTED') seen.httpErrors.push(reason + ' ' + r.url()); // players abort requests on switches
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') seen.consoleLines.push(m.type() + ': ' + m.text().slice(0, 300));
  });
  page.on('pageerror', (e) => seen.pageErrors.push(String(e && e.message ? e.message : e)));
  return { page, ...seen };
}

/** Plays one request in a fresh page; the report gains what the browser saw on the network and console. */
async function play(context, base, request) {
  const { page, httpErrors, consoleLines, pageErrors } = await watchedPage(context);
  const timeoutMs = request.timeoutMs || 120000;
  let timer;
  try {
    await page.goto(new URL('harness/player.html', base).href);
    const config = Object.assign({}, request);
    delete config.id;
    delete config.timeoutMs;
    const report = await Promise.race([
      page.evaluate((c) => window.streamgearHarness.run(c), config),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the run took longer than ' + timeoutMs + ' ms')), timeoutMs);
      }),
    ]);
    report.httpErrors = httpErrors;
    report.pageErrors = pageErrors;
    report.console = consoleLines.slice(-40);
    return report;
  } finally {
    clearTimeout(timer);
    await page.close().catch(() => {});
  }
}

/**
 * Opens a preview page (the index.html of option previewPage) as a user would, and reports whether its video plays:
 * the page's own player script, no harness code in the page. Passes when the video has advanced `advanceSeconds` with
 * a picture, the page shows no error, and the browser saw no failed request or script error.
 */
async function preview(context, request) {
  const { page, httpErrors, consoleLines, pageErrors } = await watchedPage(context);
  const started = Date.now();
  const advance = request.advanceSeconds || 2;
  const failures = [];
  const blocked = [];
  let seen = {};
  try {
    // offline, as on an intranet server: anything but 127.0.0.1 fails as with the network cable pulled
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (/^(data|blob):/.test(url) || new URL(url).hostname === '127.0.0.1') return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    await page.goto(request.url);
    try {
      // played, or the page shows a message (no point waiting for a page that gave up)
      await page.waitForFunction((a) => {
        const v = document.querySelector('video');
        const status = document.getElementById('status');
        return (v && v.currentTime >= a && v.videoWidth > 0) || (status && status.textContent);
      }, advance, { timeout: request.timeoutMs || 60000, polling: 100 });
    } catch (e) {
      // judged below
    }
    seen = await page.evaluate(() => {
      const v = document.querySelector('video');
      const status = document.getElementById('status');
      return {
        currentTime: v ? v.currentTime : null,
        videoWidth: v ? v.videoWidth : null,
        videoHeight: v ? v.videoHeight : null,
        mediaError: v && v.error ? v.error.code + ' ' + v.error.message : null,
        status: status ? status.textContent : null,
        scripts: [...document.scripts].map((s) => s.src).filter((s) => s),
      };
    });
    if (!(seen.currentTime >= advance && seen.videoWidth > 0)) {
      failures.push('the preview page did not play ' + advance + ' s within the time limit');
    }
  } finally {
    await page.close().catch(() => {});
  }
  const errors = consoleLines.filter((l) => l.startsWith('error: ')); // a user would see these in the console
  if (seen.status) errors.push('page: ' + seen.status);
  if (seen.mediaError) errors.push('media element: ' + seen.mediaError);
  return {
    player: 'preview', url: request.url, live: false, failures, timingFailures: [], errors, warnings: [],
    unrequestedSeeks: [], stalls: 0, renditions: [], checks: [], httpErrors, pageErrors, console: consoleLines.slice(-40),
    timeline: [], elapsedMs: Date.now() - started, preview: Object.assign(seen, { blocked }),
  };
}

/** A jump forward over a gap: not a stall kick in place, not the jump over the B-frame delay before the first frame. */
export function gapJump(seek) {
  return seek.to - seek.from > 0.1 && !(seek.from <= 0.1 && seek.to <= 0.3);
}

function failed(report) {
  return report.failures.length > 0 || report.errors.length > 0 || report.httpErrors.length > 0
    || report.pageErrors.length > 0 || (!report.live && report.unrequestedSeeks.some(gapJump));
}

/** A static server for the one-shot mode: DIR under /media/, this folder under /harness/, node_modules under /lib/. */
function serveStatic(root) {
  const mounts = [
    ['/media/', path.resolve(root)],
    ['/harness/', HERE],
    ['/lib/', path.join(HERE, 'node_modules')],
  ];
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const mount = mounts.find(([prefix]) => urlPath.startsWith(prefix));
    const file = mount && path.resolve(mount[1], '.' + urlPath.slice(mount[0].length - 1));
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    if (!file || !file.startsWith(mount[1] + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function oneShot(args) {
  if (!args.root || !args.manifest || !args.player) {
    throw new Error('usage: node harness.mjs --root DIR --manifest PATH --player hls.js|shaka|dashjs [--live]');
  }
  const server = await serveStatic(args.root);
  const base = 'http://127.0.0.1:' + server.address().port + '/';
  const browser = await launch();
  try {
    const request = Object.assign({}, args, { url: new URL('media/' + args.manifest, base).href });
    for (const k of ['serve', 'base', 'root', 'manifest']) delete request[k];
    const report = await play(browser.context, base, request);
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    process.exitCode = failed(report) ? 1 : 0;
  } finally {
    await browser.close();
    server.close();
  }
}

async function served(args) {
  if (!args.base) throw new Error('--serve needs --base http://127.0.0.1:PORT/');
  const browser = await launch();
  const write = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
  write({ ready: true, chromium: browser.version, node: process.version });
  const running = new Set();
  // VOD runs wait for a slot (at most `parallel` at once: playing at 4x in many pages starves a small machine);
  // live runs start at once, they have to watch the stream while it is produced
  const parallel = args.parallel || 4;
  const queue = [];
  let vodRunning = 0;
  const startRun = (request) => {
    const vod = !request.live;
    if (vod) vodRunning++;
    const job = (request.preview ? preview(browser.context, request) : play(browser.context, args.base, request))
      .then((report) => write({ id: request.id, report }))
      .catch((e) => write({ id: request.id, error: String(e && e.stack ? e.stack : e) }))
      .finally(() => {
        running.delete(job);
        if (vod) {
          vodRunning--;
          if (queue.length) startRun(queue.shift());
        }
      });
    running.add(job);
  };
  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let request;
    try {
      request = JSON.parse(line);
    } catch (e) {
      write({ id: null, error: 'bad request: ' + e.message });
      return;
    }
    if (!request.live && vodRunning >= parallel) queue.push(request);
    else startRun(request);
  });
  await new Promise((resolve) => lines.on('close', resolve)); // stdin closed: the Java side is done
  await browser.close(); // runs still going end with an error
  await Promise.allSettled([...running]);
}

const args = parseArgs(process.argv.slice(2));
(args.serve ? served(args) : oneShot(args)).catch((e) => {
  process.stderr.write('harness: ' + (e && e.stack ? e.stack : e) + '\n');
  process.exit(2);
});
