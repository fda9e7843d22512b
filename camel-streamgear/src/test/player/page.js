// In-page half of the playback harness: loads one player library, plays a manifest muted in a fresh <video>,
// and returns a JSON-able report. Driven by harness.mjs through Playwright (window.streamgearHarness.run(config)).
'use strict';

(function () {
  const LIBS = {
    'hls.js': '/lib/hls.js/dist/hls.min.js',
    shaka: '/lib/shaka-player/dist/shaka-player.compiled.js',
    dashjs: '/lib/dashjs/dist/modern/umd/dash.all.min.js',
  };

  const DEFAULTS = {
    live: false,
    advanceSeconds: 2, // playback must advance this much (ABR on) before the rendition checks
    renditionSeconds: 1.5, // each rendition, ABR off, must advance this much at its own size
    tailSeconds: 1.5, // VOD: seek this far before the end and wait for 'ended'
    loadTimeoutMs: 20000,
    startTimeoutMs: 20000,
    switchTimeoutMs: 12000,
    endTimeoutMs: 15000, // VOD: after the seek to the tail; live: after the rendition checks
  };

  const loaded = {};
  function loadScript(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise((resolve, reject) => {
        const s = document.createElement('script');
        s.src = src;
        s.onload = resolve;
        s.onerror = () => reject(new Error('cannot load ' + src));
        document.head.appendChild(s);
      });
    }
    return loaded[src];
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  async function waitFor(predicate, timeoutMs, stop) {
    const end = performance.now() + timeoutMs;
    for (;;) {
      if (predicate()) return true;
      if ((stop && stop()) || performance.now() > end) return false;
      await sleep(50);
    }
  }

  function withTimeout(promise, ms, what) {
    let timer;
    return Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(what + ' timed out after ' + ms + ' ms')), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  function text(value) {
    const seen = new WeakSet();
    try {
      return JSON.stringify(value, (k, v) => {
        if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return '[' + (v.byteLength || 0) + ' bytes]';
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[circular]';
          seen.add(v);
        }
        return v;
      }).slice(0, 400);
    } catch (e) {
      return String(value).slice(0, 400);
    }
  }

  const r3 = (x) => Math.round(x * 1000) / 1000;

  // ------------------------------------------------------------------ players
  // Each adapter: load(url), renditions(), audio(), isLive(), select(rendition) with ABR off, destroy().

  function hlsAdapter(video, log, state) {
    let hls;
    // Non-fatal hls.js reports that are not defects of the stream. A stall while the buffer refills after a seek or
    // a switch. A gap before the first frame (B-frame delay: the first video frame is shown at its presentation time,
    // e.g. 0.067 s): hls.js seeks over it before playback starts, and its first fragment then covers its EXTINF less
    // 0.067 s, which hls.js 1.7 also reports (bufferAppendNoProgress). report.videoStart records that offset.
    const tolerated = (d) => d.details === 'bufferStalledError'
      || (d.details === 'bufferSeekOverHole' && !state.playing)
      || (d.details === 'bufferAppendNoProgress' && d.frag && d.appendsWithoutProgress === 1 && firstOf(d.frag));
    const firstOf = (frag) => {
      const list = frag.type === 'audio' ? hls.audioTracks[hls.audioTrack] : hls.levels[frag.level];
      return !!(list && list.details && frag.sn === list.details.startSN);
    };
    const retry = { maxNumRetry: 1, retryDelayMs: 250, maxRetryDelayMs: 500 };
    const policy = { default: { maxTimeToFirstByteMs: 10000, maxLoadTimeMs: 20000, timeoutRetry: retry, errorRetry: retry } };
    return {
      async load(url) {
        if (!window.Hls.isSupported()) throw new Error('hls.js: MSE not supported');
        hls = new window.Hls({ fragLoadPolicy: policy, playlistLoadPolicy: policy, manifestLoadPolicy: policy });
        const E = window.Hls.Events;
        let fail;
        const failed = new Promise((_, reject) => (fail = reject));
        hls.on(E.ERROR, (ev, d) => {
          const where = d.frag ? ' ' + d.frag.url : d.url ? ' ' + d.url : d.context && d.context.url ? ' ' + d.context.url : '';
          const msg = 'hls.js ' + (d.fatal ? 'fatal ' : '') + d.type + '/' + d.details
            + (d.response && d.response.code ? ' HTTP ' + d.response.code : '') + where
            + (d.error && d.error.message ? ': ' + d.error.message : '') + (d.reason ? ' (' + d.reason + ')' : '');
          if (d.fatal || !tolerated(d)) log.error(msg);
          else log.warn(msg);
          if (d.fatal) fail(new Error(msg));
        });
        const parsed = new Promise((resolve) => hls.once(E.LEVEL_LOADED, resolve));
        hls.attachMedia(video);
        hls.loadSource(url);
        await Promise.race([parsed, failed]);
      },
      renditions() {
        return hls.levels.map((l) => ({
          width: l.width,
          height: l.height,
          bandwidth: l.bitrate,
          averageBandwidth: l.attrs['AVERAGE-BANDWIDTH'] ? Number(l.attrs['AVERAGE-BANDWIDTH']) : null,
          codecs: [l.videoCodec, l.audioCodec].filter(Boolean).join(','),
        }));
      },
      audio() {
        return {
          tracks: hls.audioTracks.length,
          codecs: [...new Set(hls.levels.map((l) => l.audioCodec).filter(Boolean))],
        };
      },
      isLive() {
        const d = hls.latestLevelDetails;
        return !!(d && d.live);
      },
      select(index) {
        hls.currentLevel = index; // manual level, immediate switch (flushes the buffer)
      },
      destroy() {
        hls.destroy();
      },
    };
  }

  function shakaAdapter(video, log, state) {
    let player;
    let tracks = [];
    return {
      async load(url) {
        const shaka = window.shaka;
        shaka.polyfill.installAll();
        if (!shaka.Player.isBrowserSupported()) throw new Error('Shaka: browser not supported');
        player = new shaka.Player();
        await player.attach(video);
        const retry = { maxAttempts: 2, baseDelay: 250, backoffFactor: 1.5, fuzzFactor: 0, timeout: 20000 };
        player.configure({
          manifest: { retryParameters: retry },
          streaming: { retryParameters: retry },
          abr: { enabled: true },
        });
        player.addEventListener('error', (ev) => {
          const e = ev.detail || {};
          log.error('Shaka error ' + e.code + ' (category ' + e.category + ', severity ' + e.severity + ') ' + text(e.data));
        });
        await player.load(url);
        tracks = player.getVariantTracks();
      },
      renditions() {
        return tracks.map((t) => ({
          width: t.width,
          height: t.height,
          bandwidth: t.bandwidth,
          videoBandwidth: t.videoBandwidth,
          audioBandwidth: t.audioBandwidth,
          codecs: t.codecs,
        }));
      },
      audio() {
        const all = player.getVariantTracks();
        return {
          tracks: new Set(all.filter((t) => t.audioCodec).map((t) => t.audioId)).size,
          codecs: [...new Set(all.map((t) => t.audioCodec).filter(Boolean))],
        };
      },
      isLive() {
        return player.isLive();
      },
      select(index) {
        player.configure({ abr: { enabled: false } });
        player.selectVariantTrack(tracks[index], /* clearBuffer */ true);
      },
      destroy() {
        return player.destroy();
      },
    };
  }

  function dashAdapter(video, log, state) {
    let player;
    let reps = [];
    return {
      async load(url) {
        const dashjs = window.dashjs;
        player = dashjs.MediaPlayer().create();
        player.updateSettings({
          debug: { logLevel: dashjs.Debug.LOG_LEVEL_WARNING },
          streaming: {
            // the default UTC time source is on the internet: use the local clock (same machine as the packager)
            utcSynchronization: { enabled: false },
            retryAttempts: { MPD: 1, MediaSegment: 1, InitializationSegment: 1 },
            retryIntervals: { MPD: 250, MediaSegment: 250, InitializationSegment: 250 },
            abr: { autoSwitchBitrate: { video: true, audio: true } },
          },
        });
        const E = dashjs.MediaPlayer.events;
        let fail;
        const failed = new Promise((_, reject) => (fail = reject));
        player.on(E.ERROR, (e) => {
          const msg = 'dash.js error ' + text(e.error);
          log.error(msg);
          fail(new Error(msg));
        });
        player.on(E.PLAYBACK_ERROR, (e) => log.error('dash.js playback error ' + text(e.error)));
        const ready = new Promise((resolve) => player.on(E.STREAM_INITIALIZED, resolve));
        player.initialize(video, url, false);
        await Promise.race([ready, failed]);
        reps = player.getRepresentationsByType('video');
      },
      renditions() {
        return reps.map((r) => ({ width: r.width, height: r.height, bandwidth: r.bandwidth, codecs: r.codecs, id: r.id }));
      },
      audio() {
        const t = player.getTracksFor('audio');
        return { tracks: t.length, codecs: [...new Set(t.map((m) => m.codec).filter(Boolean))] };
      },
      isLive() {
        return player.isDynamic();
      },
      select(index) {
        player.updateSettings({ streaming: { abr: { autoSwitchBitrate: { video: false } } } });
        player.setRepresentationForTypeById('video', reps[index].id, /* forceReplace */ true);
      },
      destroy() {
        player.destroy();
      },
    };
  }

  const ADAPTERS = { 'hls.js': hlsAdapter, shaka: shakaAdapter, dashjs: dashAdapter };

  // ------------------------------------------------------------------ the run

  async function run(config) {
    const cfg = Object.assign({}, DEFAULTS, config);
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    const report = {
      player: cfg.player,
      url: cfg.url,
      live: cfg.live,
      failures: [],
      errors: [],
      warnings: [],
      unrequestedSeeks: [],
      stalls: 0,
      renditions: [],
      checks: [],
      timeline: [],
    };
    const note = (what) => report.timeline.push(ms() + ' ms: ' + what);
    const fail = (what) => {
      report.failures.push(what);
      note('FAIL ' + what);
    };
    const log = { error: (m) => report.errors.push(m), warn: (m) => report.warnings.push(m) };

    if (!ADAPTERS[cfg.player]) {
      fail('unknown player ' + cfg.player + ' (hls.js | shaka | dashjs)');
      return report;
    }
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.width = 320;
    document.getElementById('stage').appendChild(video);

    let seekRequested = false;
    const state = { playing: false }; // unrequested seeks count once playback has started (players seek to their start)
    let ended = false;
    video.addEventListener('seeking', () => {
      if (state.playing && !seekRequested) report.unrequestedSeeks.push(r3(video.currentTime));
    });
    video.addEventListener('waiting', () => report.stalls++);
    video.addEventListener('resize', () => note('video size ' + video.videoWidth + 'x' + video.videoHeight + ' at '
      + r3(video.currentTime)));
    video.addEventListener('seeked', () => note('seeked to ' + r3(video.currentTime)));
    video.addEventListener('ended', () => {
      ended = true;
      note('ended at ' + r3(video.currentTime));
    });
    video.addEventListener('error', () => {
      const e = video.error;
      log.error('media element error ' + (e ? e.code + ': ' + e.message : '?'));
    });
    const broken = () => video.error !== null;

    async function seek(to) {
      seekRequested = true;
      try {
        const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
        video.currentTime = to;
        return await Promise.race([seeked.then(() => true), sleep(cfg.switchTimeoutMs).then(() => false)]);
      } finally {
        seekRequested = false;
      }
    }

    async function advances(seconds, timeoutMs, also) {
      const from = video.currentTime;
      const ok = await waitFor(() => video.currentTime - from >= seconds && (!also || also()), timeoutMs, broken);
      return { ok, from: r3(from), to: r3(video.currentTime) };
    }

    let adapter;
    try {
      await loadScript(LIBS[cfg.player]);
      adapter = ADAPTERS[cfg.player](video, log, state);
      await withTimeout(adapter.load(cfg.url), cfg.loadTimeoutMs, 'manifest load');
      note('manifest loaded');
      report.renditions = adapter.renditions();
      report.audio = adapter.audio();
      report.liveReported = adapter.isLive();
      if (cfg.live !== report.liveReported) {
        fail('the player reports the stream as ' + (report.liveReported ? 'live' : 'not live'));
      }

      // 1. playback starts and advances, ABR on
      const playing = new Promise((resolve) => video.addEventListener('playing', resolve, { once: true }));
      await withTimeout(video.play(), cfg.startTimeoutMs, 'play()');
      await withTimeout(playing, cfg.startTimeoutMs, 'the playing event');
      state.playing = true;
      // where the first frame is, relative to the start of the playable range (B-frame delay shows here)
      const range = adapter.isLive() || !video.buffered.length ? null : video.buffered.start(0);
      report.videoStart = range === null ? null : r3(range);
      const start = await advances(cfg.advanceSeconds, cfg.startTimeoutMs);
      report.start = Object.assign({ atMs: ms() }, start);
      note('start ' + start.from + ' -> ' + start.to);
      if (!start.ok) {
        fail('playback did not advance ' + cfg.advanceSeconds + ' s (currentTime ' + start.from + ' -> ' + start.to + ')');
        return report;
      }
      report.duration = r3(video.duration);

      // 2. each rendition in turn, ABR off: it plays, at its own size
      const n = report.renditions.length;
      const room = Math.max(0, video.duration - cfg.renditionSeconds - 1.0);
      for (let i = 0; i < n; i++) {
        const r = report.renditions[i];
        const check = { rendition: i, width: r.width, height: r.height };
        report.checks.push(check);
        adapter.select(i);
        if (!cfg.live) {
          const at = n > 1 ? (room * i) / (n - 1) : 0;
          check.seekTo = r3(at);
          if (!(await seek(at))) {
            fail('rendition ' + r.width + 'x' + r.height + ': seek to ' + r3(at) + ' did not complete');
          }
        }
        const right = () => video.videoWidth === r.width && video.videoHeight === r.height;
        const sized = await waitFor(right, cfg.switchTimeoutMs, broken);
        const played = sized ? await advances(cfg.renditionSeconds, cfg.switchTimeoutMs, right) : { ok: false };
        check.videoWidth = video.videoWidth;
        check.videoHeight = video.videoHeight;
        Object.assign(check, { from: played.from, to: played.to, ok: sized && played.ok });
        note('rendition ' + i + ' ' + r.width + 'x' + r.height + ': video ' + video.videoWidth + 'x' + video.videoHeight
          + ', ' + played.from + ' -> ' + played.to);
        if (!sized) {
          fail('rendition ' + r.width + 'x' + r.height + ' selected, but the video stayed ' + video.videoWidth + 'x'
            + video.videoHeight);
        } else if (!played.ok) {
          fail('rendition ' + r.width + 'x' + r.height + ' did not advance ' + cfg.renditionSeconds + ' s ('
            + played.from + ' -> ' + played.to + ')');
        }
      }

      // 3. the end is reached
      if (cfg.live) {
        report.liveAfterChecks = adapter.isLive();
        report.checksDoneAtEpochMs = Date.now();
        const reached = await waitFor(() => ended || (!adapter.isLive() && video.duration - video.currentTime < 0.3),
          cfg.endTimeoutMs, broken);
        report.end = { reached, ended, currentTime: r3(video.currentTime), duration: r3(video.duration),
          liveAtEnd: adapter.isLive(), atEpochMs: Date.now() };
        if (!reached) {
          fail('the end of the live stream was not reached within ' + cfg.endTimeoutMs + ' ms (currentTime '
            + r3(video.currentTime) + ', duration ' + r3(video.duration) + ', live ' + adapter.isLive() + ')');
        }
      } else {
        const at = Math.max(0, video.duration - cfg.tailSeconds);
        if (!(await seek(at))) fail('seek to ' + r3(at) + ' did not complete');
        const reached = await waitFor(() => ended, cfg.endTimeoutMs, broken);
        report.end = { reached, ended, currentTime: r3(video.currentTime), duration: r3(video.duration) };
        if (!reached) {
          fail('no ended event within ' + cfg.endTimeoutMs + ' ms after a seek to ' + r3(at) + ' (currentTime '
            + r3(video.currentTime) + ', duration ' + r3(video.duration) + ')');
        }
      }
    } catch (e) {
      fail(String(e && e.message ? e.message : e));
    } finally {
      const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : {};
      report.decoded = {
        audioBytes: video.webkitAudioDecodedByteCount || 0,
        videoBytes: video.webkitVideoDecodedByteCount || 0,
        frames: q.totalVideoFrames || 0,
        droppedFrames: q.droppedVideoFrames || 0,
      };
      report.elapsedMs = ms();
      try {
        if (adapter) await adapter.destroy();
      } catch (e) {
        report.warnings.push('destroy: ' + e);
      }
      video.remove();
    }
    return report;
  }

  window.streamgearHarness = { run };
})();
