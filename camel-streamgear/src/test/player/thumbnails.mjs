#!/usr/bin/env node
// Thumbnail check (separate from harness.mjs): loads a manifest in headless Chromium with Shaka Player and, for an MPD,
// dash.js, and asks each for the thumbnail at given times; prints one JSON report. Everything is served from 127.0.0.1.
//   node thumbnails.mjs --root DIR --manifest job/manifest.mpd --times 0,7,31
// Report: {"shaka": {"imageTracks": [...], "thumbnails": [{time, uris, positionX, positionY, width, height, startTime,
//          duration, imageWidth, imageHeight}]}, "dashjs": {"thumbnails": [{time, url, x, y, width, height}]}, "errors": []}
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const MIME = {
  '.mpd': 'application/dash+xml', '.m3u8': 'application/vnd.apple.mpegurl', '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4', '.ts': 'video/mp2t', '.vtt': 'text/vtt', '.jpg': 'image/jpeg', '.js': 'text/javascript',
  '.html': 'text/html; charset=utf-8',
};

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const root = path.resolve(args.root);
const times = (args.times || '0').split(',').map(Number);

function serve() {
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file;
    if (url === '/page.html') {
      res.writeHead(200, { 'content-type': MIME['.html'] });
      res.end('<!DOCTYPE html><html><body><video id="v" muted></video></body></html>');
      return;
    } else if (url.startsWith('/lib/')) {
      file = path.join(HERE, 'node_modules', url.slice(5));
    } else {
      file = path.join(root, url.slice(1));
    }
    if (!file.startsWith(root) && !file.startsWith(path.join(HERE, 'node_modules'))) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'access-control-allow-origin': '*' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function inPage(context, base, script, config) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e && e.message ? e.message : e)));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(r.status() + ' ' + r.url()); });
  try {
    await page.goto(base + 'page.html');
    await page.addScriptTag({ url: script });
    const result = await page.evaluate(config.fn, config.arg);
    return { ...result, errors };
  } catch (e) {
    return { errors: [...errors, String(e && e.message ? e.message : e)] };
  } finally {
    await page.close().catch(() => {});
  }
}

async function shaka(arg) {
  const s = window.shaka;
  s.polyfill.installAll();
  const player = new s.Player();
  await player.attach(document.getElementById('v'));
  await player.load(arg.url);
  const imageTracks = player.getImageTracks().map((t) => ({ id: t.id, width: t.width, height: t.height,
    tilesLayout: t.tilesLayout, mimeType: t.mimeType }));
  const thumbnails = [];
  for (const time of arg.times) {
    const t = imageTracks.length ? await player.getThumbnails(imageTracks[0].id, time) : null;
    thumbnails.push(t && { time, uris: t.uris, positionX: t.positionX, positionY: t.positionY, width: t.width,
      height: t.height, startTime: t.startTime, duration: t.duration, imageWidth: t.imageWidth,
      imageHeight: t.imageHeight });
  }
  await player.destroy();
  return { imageTracks, thumbnails };
}

async function dashjs(arg) {
  const player = window.dashjs.MediaPlayer().create();
  const ready = new Promise((resolve, reject) => {
    player.on(window.dashjs.MediaPlayer.events.STREAM_INITIALIZED, resolve);
    player.on(window.dashjs.MediaPlayer.events.ERROR, (e) => reject(new Error('dash.js error ' + JSON.stringify(e.error))));
  });
  player.initialize(document.getElementById('v'), arg.url, false);
  await ready;
  const thumbnails = [];
  for (const time of arg.times) {
    const t = await new Promise((resolve) => player.provideThumbnail(time, resolve));
    thumbnails.push(t && { time, url: t.url, x: t.x, y: t.y, width: t.width, height: t.height });
  }
  player.destroy();
  return { thumbnails };
}

const server = await serve();
const base = 'http://127.0.0.1:' + server.address().port + '/';
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'streamgear-thumbs-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const url = base + args.manifest;
const report = {};
try {
  report.shaka = await inPage(context, base, base + 'lib/shaka-player/dist/shaka-player.compiled.js',
    { fn: shaka, arg: { url, times } });
  if (args.manifest.endsWith('.mpd')) {
    report.dashjs = await inPage(context, base, base + 'lib/dashjs/dist/modern/umd/dash.all.min.js',
      { fn: dashjs, arg: { url, times } });
  }
} finally {
  await context.close().catch(() => {});
  fs.rmSync(profile, { recursive: true, force: true });
  server.close();
}
process.stdout.write(JSON.stringify(report) + '\n');
