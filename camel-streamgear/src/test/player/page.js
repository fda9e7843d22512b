// In-page half of the playback harness: loads one player library, plays a manifest muted in fresh <video> elements
// and returns a JSON-able report. Driven by harness.mjs through Playwright: window.streamgearHarness.run(config).
//
// VOD:  1. ABR on, 1x: playback starts and advances advanceSeconds.
//       2. for each rendition the player lists, in a new player locked to it before anything loads (ABR off):
//          play from the start to the end at playbackRate (4x), every sampled frame at the rendition's size, no seek the
//          harness did not ask for (a jump over a gap), and the 'ended' event.
// Tracks (config.tracks): one player, 1x: lists the audio/text tracks, shows a subtitle language, switches the audio
//       language mid-play and samples the active cues (see trackScenario).
// Live: one player, 1x: it reports live, advances advanceSeconds, then each rendition selected in turn (ABR off)
//       shows at its size and advances renditionSeconds, all while the stream is live; then the end of the stream is
//       reached once the packager finalises it ('ended', or currentTime at the duration once no longer live).
//       With watchMs: once playing, the session is only watched (playhead and decoded frames sampled with the wall
//       clock) for watchMs or until the test says stop (watchStopUrl): the test judges it (a source gap, say).
'use strict';

(function () {
  const LIBS = {
    'hls.js': '/lib/hls.js/dist/hls.min.js',
    shaka: '/lib/shaka-player/dist/shaka-player.compiled.js',
    dashjs: '/lib/dashjs/dist/modern/umd/dash.all.min.js',
  };

  const DEFAULTS = {
    live: false,
    advanceSeconds: 1.5,
    renditionSeconds: 1.5, // live: each rendition must advance this much at its own size
    playbackRate: 4, // VOD renditions are played start to end at this rate (Chromium still decodes every frame)
    loadTimeoutMs: 20000,
    startTimeoutMs: 20000,
    switchTimeoutMs: 12000,
    stallTimeoutMs: 10000, // VOD: a rendition fails when currentTime does not move for this long (slow is fine)
    endTimeoutMs: 20000, // live: the end must be reached this long after the rendition checks
    liveWindowSeconds: NaN, // live: the playlists' window (windowSize x segmentDuration), for Shaka on live HLS
    watchMs: 0, // live: > 0 watches the one session this long once playing, instead of the rendition and end checks
    watchStopUrl: null, // live watch: ends early once this URL's text is 'stop'
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
  const r3 = (x) => Math.round(x * 1000) / 1000;
  // what the media element holds, e.g. "4-12,15-15.98" (a hole or a playhead outside it shows why playback waits)
  const buffered = (video) => {
    const ranges = [];
    for (let i = 0; i < video.buffered.length; i++) ranges.push(r3(video.buffered.start(i)) + '-' + r3(video.buffered.end(i)));
    return ranges.join(',') || 'nothing';
  };
  // every SourceBuffer a player creates, so that a stuck end can say which track's data ends where (the element's
  // buffered ranges are their intersection, stretched to the longest once the player calls endOfStream)
  const sourceBuffers = [];
  if (window.MediaSource) {
    const add = MediaSource.prototype.addSourceBuffer;
    MediaSource.prototype.addSourceBuffer = function (type) {
      const sb = add.call(this, type);
      sourceBuffers.push({ ms: this, sb, type });
      return sb;
    };
  }
  const media = (video) => {
    const open = sourceBuffers.filter((x) => x.ms.readyState !== 'closed');
    const parts = open.map((x) => {
      let ranges = [];
      try {
        for (let i = 0; i < x.sb.buffered.length; i++) ranges.push(r3(x.sb.buffered.start(i)) + '-' + r3(x.sb.buffered.end(i)));
      } catch (e) {
        ranges = ['removed'];
      }
      return x.type.split(';')[0] + ' ' + (ranges.join(',') || 'nothing');
    });
    return 'paused ' + video.paused + ', readyState ' + video.readyState + ', MediaSource '
      + (open.length ? open[0].ms.readyState + ' duration ' + r3(open[0].ms.duration) : 'none') + ', ' + parts.join(', ');
  };

  /**
   * The video shows rendition r: its display size is r's size within 1% (and 1 px). Rungs that keep the source's
   * display aspect ratio with non-square pixels display slightly differently: 640x360 at SAR 351:352 shows as
   * 640x361, 202x360 at SAR 405:404 as 203x360 (Chromium scales one side by the SAR).
   */
  function showing(video, r) {
    const near = (a, b) => Math.abs(a - b) <= Math.max(1, Math.round(b * 0.01));
    return video.videoWidth > 0 && near(video.videoWidth, r.width) && near(video.videoHeight, r.height);
  }

  /** Polls predicate every 50 ms; false on timeout or when stop() says the run is lost. */
  async function waitFor(predicate, timeoutMs, stop, each) {
    const end = performance.now() + timeoutMs;
    for (;;) {
      if (each) each();
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
      return String(JSON.stringify(value, (k, v) => {
        if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return '[' + (v.byteLength || 0) + ' bytes]';
        if (typeof v === 'object' && v !== null) {
          if (seen.has(v)) return '[circular]';
          seen.add(v);
        }
        return v;
      })).slice(0, 400);
    } catch (e) {
      return String(value).slice(0, 400);
    }
  }

  // ------------------------------------------------------------------ players
  // adapter(video, log, state): load(url, lock) where lock (optional) is a rendition from a previous renditions()
  // to play with ABR off from the first segment; renditions(); audio(); isLive(); select(index) (ABR off, now);
  // destroy().

  function hlsAdapter(video, log, state) {
    let hls;
    const retry = { maxNumRetry: 1, retryDelayMs: 250, maxRetryDelayMs: 500 };
    const policy = { default: { maxTimeToFirstByteMs: 10000, maxLoadTimeMs: 20000, timeoutRetry: retry, errorRetry: retry } };
    // Non-fatal hls.js buffer reports are warnings: what they describe is measured by the harness itself. A stall
    // while the buffer refills; a jump over a hole (bufferSeekOverHole, bufferNudgeOnStall: a seek the harness sees
    // and judges, e.g. the B-frame delay before the first frame); a fragment whose append covered less than its
    // EXTINF (bufferAppendNoProgress, a heuristic of hls.js 1.7 that also fires on the start gap and on ABR
    // re-loads): missing media shows in the decoded frame count. Network and parsing errors are errors.
    // 'aborted': a load hls.js cancelled itself (a level switch).
    const WARNINGS = ['bufferStalledError', 'bufferSeekOverHole', 'bufferNudgeOnStall', 'bufferAppendNoProgress'];
    const tolerated = (d) => (d.type === 'mediaError' && WARNINGS.includes(d.details)) || d.details === 'aborted';
    return {
      async load(url, lock) {
        if (!window.Hls.isSupported()) throw new Error('hls.js: MSE not supported');
        const config = { fragLoadPolicy: policy, playlistLoadPolicy: policy, manifestLoadPolicy: policy };
        if (lock) config.startLevel = lock.index;
        hls = new window.Hls(config);
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
        if (lock) hls.once(E.MANIFEST_PARSED, () => (hls.currentLevel = lock.index)); // manual level from the start
        const details = new Promise((resolve) => hls.once(E.LEVEL_LOADED, resolve));
        hls.attachMedia(video);
        hls.loadSource(url);
        await Promise.race([details, failed]);
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
      // tracks: MediaPlaylist of the AUDIO / SUBTITLES renditions (NAME -> name, LANGUAGE -> lang, CHANNELS -> channels)
      audioTracks() {
        return hls.audioTracks.map((t, i) => ({ id: String(t.id), language: t.lang || null, label: t.name || null,
          channels: t.channels || null, roles: t.characteristics ? t.characteristics.split(',') : [],
          default: !!t.default, active: i === hls.audioTrack, group: t.groupId }));
      },
      selectAudio(language) {
        const i = hls.audioTracks.findIndex((t) => sameLang(t.lang, language));
        if (i < 0) throw new Error('hls.js lists no audio track in ' + language);
        hls.audioTrack = i;
      },
      textTracks() {
        return hls.subtitleTracks.map((t, i) => ({ id: String(t.id), language: t.lang || null, label: t.name || null,
          kind: t.type || null, roles: t.characteristics ? t.characteristics.split(',') : [], default: !!t.default,
          forced: !!t.forced, active: i === hls.subtitleTrack, group: t.groupId }));
      },
      selectText(language) {
        const i = hls.subtitleTracks.findIndex((t) => sameLang(t.lang, language));
        if (i < 0) throw new Error('hls.js lists no subtitle track in ' + language);
        hls.subtitleDisplay = true; // hls.js renders into a native TextTrack: mode 'showing'
        hls.subtitleTrack = i;
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
      async load(url, lock) {
        const shaka = window.shaka;
        shaka.polyfill.installAll();
        if (!shaka.Player.isBrowserSupported()) throw new Error('Shaka: browser not supported');
        player = new shaka.Player();
        await player.attach(video);
        const retry = { maxAttempts: 2, baseDelay: 250, backoffFactor: 1.5, fuzzFactor: 0, timeout: 20000 };
        player.configure({
          // live HLS: Shaka 5.2.12 derives its availability window from the streams' first and last timestamps and
          // evicts what lies before it; with a separate audio playlist (AAC segments end a few ms off the video's)
          // that window shrinks update by update to one segment, every video reference is evicted, playback stalls
          // and, with EXT-X-PROGRAM-DATE-TIME, "Cannot read properties of null (reading 'next')" follows. Giving it
          // the playlists' real window, as an application would, avoids both (docs/playback-tests.md)
          manifest: { retryParameters: retry,
            availabilityWindowOverride: state.live && /\.m3u8($|\?)/.test(url) ? state.liveWindowSeconds : NaN },
          // a stall is kicked in place, not by skipping 0.1 s forward (which would hide media and look like a gap)
          streaming: { retryParameters: retry, stallSkip: 0 },
          abr: { enabled: !lock },
        });
        if (lock) {
          // only the locked variant is playable: nothing else is ever fetched (pixels, not width/height: Shaka swaps
          // them for portrait video)
          const pixels = lock.width * lock.height;
          player.configure({ restrictions: {
            minPixels: pixels, maxPixels: pixels, minBandwidth: lock.bandwidth, maxBandwidth: lock.bandwidth,
          } });
        }
        player.addEventListener('error', (ev) => {
          const e = ev.detail || {};
          log.error(e.code !== undefined
            ? 'Shaka error ' + e.code + ' (category ' + e.category + ', severity ' + e.severity + ') ' + text(e.data)
            : 'Shaka error ' + text(Object.assign({ message: e.message, stack: e.stack && String(e.stack).slice(0, 300) }, e)));
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
      // Shaka 5: getAudioTracks() (one per language/role/label/channel count), getTextTracks(); without a UI
      // container its text displayer is the NativeTextDisplayer (a native TextTrack on the video element)
      audioTracks() {
        return player.getAudioTracks().map((t) => ({ id: t.id === undefined ? null : String(t.id),
          language: t.language || null, label: t.label || null,
          channels: t.channelsCount ? String(t.channelsCount) : null, roles: t.roles || [], default: !!t.primary,
          active: !!t.active, codecs: t.codecs || null }));
      },
      selectAudio(language) {
        const t = player.getAudioTracks().find((a) => sameLang(a.language, language));
        if (!t) throw new Error('Shaka lists no audio track in ' + language);
        player.selectAudioTrack(t);
      },
      textTracks() {
        return player.getTextTracks().map((t) => ({ id: String(t.id), language: t.language || null, label: t.label || null,
          kind: t.kind || null, roles: t.roles || [], default: !!t.primary, forced: !!t.forced, active: !!t.active,
          mimeType: t.mimeType || null }));
      },
      selectText(language) {
        const t = player.getTextTracks().find((a) => sameLang(a.language, language));
        if (!t) throw new Error('Shaka lists no text track in ' + language);
        player.selectTextTrack(t); // also makes text visible (Shaka 5 has no public setTextTrackVisibility)
      },
      destroy() {
        return player.destroy();
      },
    };
  }

  function dashAdapter(video, log) {
    let player;
    let reps = [];
    return {
      async load(url, lock) {
        const dashjs = window.dashjs;
        player = dashjs.MediaPlayer().create();
        const abr = { autoSwitchBitrate: { video: !lock, audio: true } };
        if (lock) {
          const kbps = lock.bandwidth / 1000;
          Object.assign(abr, { initialBitrate: { video: kbps }, minBitrate: { video: kbps - 1 }, maxBitrate: { video: kbps + 1 } });
        }
        player.updateSettings({
          debug: { logLevel: dashjs.Debug.LOG_LEVEL_WARNING },
          streaming: {
            // the default UTC time source is on the internet: use the local clock (same machine as the packager)
            utcSynchronization: { enabled: false },
            retryAttempts: { MPD: 1, MediaSegment: 1, InitializationSegment: 1 },
            retryIntervals: { MPD: 250, MediaSegment: 250, InitializationSegment: 250 },
            // no gap jumping: dash.js jumps to the end of the stream when playback stalls within 1.5 s of it (a slow
            // machine triggers that, and it skips media), and its clamp of seeks at the end then parks the playhead
            // 0.5 s before the end; a real gap shows as a stall the harness reports
            gaps: { jumpGaps: false, jumpLargeGaps: false },
            // runs share one browser profile: dash.js would keep the audio language a run switched to in localStorage
            // and start the next runs with it (a track run switching to French made the next ones start in French)
            lastMediaSettingsCachingInfo: { enabled: false },
            abr,
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
        if (lock) player.setRepresentationForTypeById('video', lock.id, true);
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
      // dash.js 5 keeps the cues itself and copies into the native TextTrack only those in a window around the
      // playhead, updated while playing (TextTracks updateCueWindow): nothing shows before play()
      cuesWhilePaused: false,
      // tracks: MediaInfo per AdaptationSet (lang, Label, Role, AudioChannelConfiguration)
      audioTracks() {
        const current = player.getCurrentTrackFor('audio');
        return player.getTracksFor('audio').map((t) => dashTrack(t, current));
      },
      selectAudio(language) {
        const t = player.getTracksFor('audio').find((a) => sameLang(a.lang, language));
        if (!t) throw new Error('dash.js lists no audio track in ' + language);
        player.setCurrentTrack(t, /* noSettingsSave */ true);
      },
      textTracks() {
        const current = player.isTextEnabled() ? player.getCurrentTrackFor('text') : null;
        return player.getTracksFor('text').map((t) => dashTrack(t, current));
      },
      selectText(language) {
        const all = player.getTracksFor('text');
        const i = all.findIndex((a) => sameLang(a.lang, language));
        if (i < 0) throw new Error('dash.js lists no text track in ' + language);
        player.enableText(true);
        player.setTextTrack(i); // the index among the text tracks dash.js lists
      },
      destroy() {
        player.destroy();
      },
    };
  }

  // ISO 639-2 codes players may turn into ISO 639-1 (Shaka lists 'fra' as 'fr'): a language asked for matches either
  const LANG2 = { eng: 'en', fra: 'fr', fre: 'fr', deu: 'de', ger: 'de', spa: 'es', ita: 'it', por: 'pt', nld: 'nl',
    dut: 'nl', jpn: 'ja', zho: 'zh', chi: 'zh', rus: 'ru', ara: 'ar', pol: 'pl', swe: 'sv', nor: 'no', dan: 'da', fin: 'fi' };
  const baseLang = (l) => {
    const b = String(l || '').toLowerCase().split(/[-_]/)[0];
    return LANG2[b] || b;
  };
  const sameLang = (a, b) => !!a && !!b && baseLang(a) === baseLang(b);

  /** A dash.js MediaInfo as a harness track. */
  function dashTrack(t, current) {
    const label = (t.labels || []).map((l) => (typeof l === 'string' ? l : l.text)).filter(Boolean)[0] || null;
    const channels = (t.audioChannelConfiguration || []).map((c) => (typeof c === 'object' ? c.value : c)).filter(Boolean)[0];
    return { id: t.id === undefined || t.id === null ? null : String(t.id), language: t.lang || null, label,
      channels: channels === undefined ? null : String(channels),
      roles: (t.roles || []).map((r) => (typeof r === 'object' ? r.value : r)), kind: t.type === 'text' ? (t.mimeType || null) : undefined,
      default: (t.roles || []).some((r) => (typeof r === 'object' ? r.value : r) === 'main'),
      active: !!current && current.id === t.id && current.index === t.index, codecs: t.codec || null };
  }

  const ADAPTERS = { 'hls.js': hlsAdapter, shaka: shakaAdapter, dashjs: dashAdapter };

  // ------------------------------------------------------------------ one player in one <video>

  /** A player instance in a fresh video element, with the events the checks need. */
  function session(cfg, report, label) {
    const t0 = report.t0;
    const note = (what) => report.timeline.push(Math.round(performance.now() - t0) + ' ms ' + label + ': ' + what);
    const log = {
      error: (m) => {
        report.errors.push(label + ': ' + m);
        note('error ' + m);
      },
      warn: (m) => report.warnings.push(label + ': ' + m),
    };
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.width = 320;
    document.getElementById('stage').appendChild(video);
    const state = { playing: false, seekRequested: false, ended: false, lastTime: 0, live: !!cfg.live,
      liveWindowSeconds: Number(cfg.liveWindowSeconds) };
    state.sampler = setInterval(() => {
      if (!video.seeking) state.lastTime = video.currentTime;
    }, 10);
    video.addEventListener('seeking', () => {
      // players seek to their start point before playing; after that, a seek nobody asked for is a jump over a gap
      // (or a stall kick in place, or the jump over the B-frame delay at the start: the tests tell them apart)
      if (state.playing && !state.seekRequested) {
        report.unrequestedSeeks.push({ session: label, from: r3(state.lastTime), to: r3(video.currentTime) });
        note('unrequested seek ' + r3(state.lastTime) + ' -> ' + r3(video.currentTime));
      }
    });
    video.addEventListener('waiting', () => {
      report.stalls++;
      note('waiting at ' + r3(video.currentTime) + ', buffered ' + buffered(video) + '; ' + media(video));
    });
    video.addEventListener('resize', () => note('video ' + video.videoWidth + 'x' + video.videoHeight + ' at ' + r3(video.currentTime)));
    video.addEventListener('ended', () => {
      state.ended = true;
      state.playing = false; // what a player does after the end (dash.js seeks back a little) is not playback
      note('ended at ' + r3(video.currentTime));
    });
    video.addEventListener('error', () => {
      const e = video.error;
      log.error('media element error ' + (e ? e.code + ': ' + e.message : '?'));
    });
    const adapter = ADAPTERS[cfg.player](video, log, state);
    const s = {
      video,
      state,
      adapter,
      note,
      broken: () => video.error !== null,
      async load(lock) {
        await withTimeout(adapter.load(cfg.url, lock), cfg.loadTimeoutMs, 'manifest load');
        note('loaded');
      },
      async play(rate) {
        const playing = new Promise((resolve) => video.addEventListener('playing', resolve, { once: true }));
        video.playbackRate = rate || 1;
        await withTimeout(video.play(), cfg.startTimeoutMs, 'play()');
        await withTimeout(playing, cfg.startTimeoutMs, 'the playing event');
        state.playing = true;
        note('playing at ' + r3(video.currentTime));
      },
      /** Waits until currentTime advanced by seconds (and also() holds); {ok, from, to}. */
      async advances(seconds, timeoutMs, also) {
        const from = video.currentTime;
        const ok = await waitFor(() => video.currentTime - from >= seconds && (!also || also()), timeoutMs, s.broken);
        return { ok, from: r3(from), to: r3(video.currentTime) };
      },
      /** What this element decoded so far (Chromium's counters): frames, dropped frames, audio and video bytes. */
      decoded() {
        const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : {};
        return { frames: q.totalVideoFrames || 0, droppedFrames: q.droppedVideoFrames || 0,
          audioBytes: video.webkitAudioDecodedByteCount || 0, videoBytes: video.webkitVideoDecodedByteCount || 0 };
      },
      async close() {
        const d = s.decoded();
        for (const k of Object.keys(d)) report.decoded[k] += d[k];
        clearInterval(state.sampler);
        try {
          await adapter.destroy();
        } catch (e) {
          report.warnings.push(label + ': destroy: ' + e);
        }
        video.remove();
      },
    };
    return s;
  }

  // ------------------------------------------------------------------ the run

  async function run(config) {
    const cfg = Object.assign({}, DEFAULTS, config);
    const report = {
      player: cfg.player,
      url: cfg.url,
      live: !!cfg.live,
      failures: [],
      timingFailures: [], // the failures that only say "too slow / stuck" (a starved machine can cause them too)
      errors: [],
      warnings: [],
      unrequestedSeeks: [],
      stalls: 0,
      renditions: [],
      checks: [],
      decoded: { audioBytes: 0, videoBytes: 0, frames: 0, droppedFrames: 0 },
      timeline: [],
      t0: performance.now(),
    };
    const fail = (what, timing) => {
      report.failures.push(what);
      if (timing || / timed out after /.test(what)) report.timingFailures.push(what);
      report.timeline.push(Math.round(performance.now() - report.t0) + ' ms FAIL ' + what);
    };
    try {
      if (!ADAPTERS[cfg.player]) throw new Error('unknown player ' + cfg.player + ' (hls.js | shaka | dashjs)');
      await loadScript(LIBS[cfg.player]);
      if (cfg.tracks) await trackScenario(cfg, report, fail);
      else if (cfg.live) await live(cfg, report, fail);
      else await vod(cfg, report, fail);
    } catch (e) {
      fail(String(e && e.message ? e.message : e));
    }
    report.elapsedMs = Math.round(performance.now() - report.t0);
    delete report.t0;
    return report;
  }

  async function vod(cfg, report, fail) {
    // 1. playback starts and advances, ABR on
    const first = session(cfg, report, 'start');
    try {
      await first.load();
      report.renditions = first.adapter.renditions();
      report.audio = first.adapter.audio();
      report.liveReported = first.adapter.isLive();
      if (report.liveReported) fail('the player reports a finished (VOD) stream as live');
      await first.play(1);
      // where the first frame is, relative to the start of the timeline (a B-frame delay shows here)
      report.videoStart = first.video.buffered.length ? r3(first.video.buffered.start(0)) : null;
      const start = await first.advances(cfg.advanceSeconds, cfg.startTimeoutMs);
      report.start = start;
      report.duration = r3(first.video.duration);
      if (!start.ok) {
        fail('playback did not advance ' + cfg.advanceSeconds + ' s (currentTime ' + start.from + ' -> ' + start.to + ')',
          !first.broken());
        return;
      }
    } finally {
      await first.close();
    }

    // 2. every rendition, locked from its first segment, start to end
    for (let i = 0; i < report.renditions.length; i++) {
      const r = Object.assign({ index: i }, report.renditions[i]);
      const label = 'rendition ' + r.width + 'x' + r.height;
      const check = { rendition: i, width: r.width, height: r.height, ok: false };
      report.checks.push(check);
      const s = session(cfg, report, label);
      try {
        await s.load(r);
        await s.play(cfg.playbackRate);
        const from = s.video.currentTime;
        const wrong = [];
        const sample = () => {
          const v = s.video;
          if (v.videoWidth && !showing(v, r)) {
            const what = v.videoWidth + 'x' + v.videoHeight;
            if (!wrong.length || wrong[wrong.length - 1].size !== what) wrong.push({ at: r3(v.currentTime), size: what });
          }
        };
        // no deadline as such (a busy machine only makes it slower): it fails when playback stops moving
        let last = s.video.currentTime;
        let moved = performance.now();
        const stuck = () => {
          if (s.video.currentTime !== last) {
            last = s.video.currentTime;
            moved = performance.now();
          }
          return s.broken() || performance.now() - moved > cfg.stallTimeoutMs;
        };
        const ended = await waitFor(() => s.state.ended, 10 * 60 * 1000, stuck, sample);
        Object.assign(check, {
          from: r3(from),
          to: r3(s.video.currentTime),
          duration: r3(s.video.duration),
          ended,
          videoWidth: s.video.videoWidth,
          videoHeight: s.video.videoHeight,
          wrongSizes: wrong,
          decoded: s.decoded(),
        });
        check.ok = ended && wrong.length === 0 && !s.broken();
        if (!ended) {
          fail(label + ': no ended event, ' + (s.broken() ? 'media error' : 'stuck for ' + cfg.stallTimeoutMs + ' ms')
            + ' at ' + r3(s.video.currentTime) + ' of ' + r3(s.video.duration) + ' s', !s.broken());
        }
        if (wrong.length) fail(label + ': showed other sizes ' + text(wrong));
      } catch (e) {
        fail(label + ': ' + (e && e.message ? e.message : e));
      } finally {
        await s.close();
      }
    }
  }

  async function live(cfg, report, fail) {
    const s = session(cfg, report, 'live');
    try {
      await s.load();
      report.renditions = s.adapter.renditions();
      report.audio = s.adapter.audio();
      report.liveReported = s.adapter.isLive();
      if (!report.liveReported) fail('the player does not report the stream as live/dynamic');
      await s.play(1);
      if (cfg.watchMs > 0) {
        report.watch = await watch(s, cfg.watchMs, cfg.watchStopUrl);
        return;
      }
      const start = await s.advances(cfg.advanceSeconds, cfg.startTimeoutMs);
      report.start = start;
      if (!start.ok) {
        fail('live playback did not advance ' + cfg.advanceSeconds + ' s (currentTime ' + start.from + ' -> ' + start.to + ')',
          !s.broken());
        return;
      }
      for (let i = 0; i < report.renditions.length; i++) {
        const r = report.renditions[i];
        const check = { rendition: i, width: r.width, height: r.height };
        report.checks.push(check);
        s.adapter.select(i);
        const right = () => showing(s.video, r);
        const sized = await waitFor(right, cfg.switchTimeoutMs, s.broken);
        const played = sized ? await s.advances(cfg.renditionSeconds, cfg.switchTimeoutMs, right) : { ok: false };
        Object.assign(check, { from: played.from, to: played.to, videoWidth: s.video.videoWidth,
          videoHeight: s.video.videoHeight, ok: sized && played.ok, live: s.adapter.isLive() });
        if (!sized) {
          fail('rendition ' + r.width + 'x' + r.height + ' selected, but the video stayed ' + s.video.videoWidth + 'x'
            + s.video.videoHeight);
        } else if (!played.ok) {
          fail('rendition ' + r.width + 'x' + r.height + ' did not advance ' + cfg.renditionSeconds + ' s ('
            + played.from + ' -> ' + played.to + ')', !s.broken());
        }
      }
      report.liveAfterChecks = s.adapter.isLive();
      report.checksDoneAtEpochMs = Date.now();
      // the 'ended' event, or (a player that lets the live-to-VOD switch end without one) standing still within
      // 0.3 s of the duration once the stream is no longer live
      const v = s.video;
      let last = v.currentTime;
      let moved = performance.now();
      const reached = await waitFor(() => {
        if (v.currentTime !== last) {
          last = v.currentTime;
          moved = performance.now();
        }
        return s.state.ended
          || (!s.adapter.isLive() && v.duration - v.currentTime < 0.3 && performance.now() - moved > 1500);
      }, cfg.endTimeoutMs, s.broken);
      report.end = { reached, ended: s.state.ended, currentTime: r3(v.currentTime), duration: r3(v.duration),
        liveAtEnd: s.adapter.isLive(), atEpochMs: Date.now() };
      if (!reached) {
        fail('the end of the live stream was not reached within ' + cfg.endTimeoutMs + ' ms (currentTime '
          + r3(v.currentTime) + ', duration ' + r3(v.duration) + ', live ' + s.adapter.isLive() + ', buffered '
          + buffered(v) + '; ' + media(v) + ')', !s.broken());
      }
    } finally {
      await s.close();
    }
  }

  /**
   * Watches one live session for ms without touching it (the source may drop and come back meanwhile): samples its
   * playhead every 250 ms with the wall clock, so the test can see it advance across a gap it places in time. The
   * media element's src is the object URL of the player's MediaSource: a player that reloads the stream (hls.js media
   * error recovery, a Shaka or dash.js reload) attaches a new MediaSource, so more than one in `sources` is a reload.
   */
  async function watch(s, ms, stopUrl) {
    const v = s.video;
    const sources = [v.src];
    const samples = [];
    const end = performance.now() + ms;
    let asked = 0;
    let stopped = false;
    while (performance.now() < end && !s.broken() && !stopped) {
      if (v.src !== sources[sources.length - 1]) {
        sources.push(v.src);
        s.note('new media source ' + v.src);
      }
      samples.push({ at: Date.now(), time: r3(v.currentTime), paused: v.paused, seeking: v.seeking,
        frames: s.decoded().frames, live: s.adapter.isLive(),
        bufferedEnd: v.buffered.length ? r3(v.buffered.end(v.buffered.length - 1)) : null });
      if (stopUrl && performance.now() - asked > 1000) {
        // the test says when it has seen enough (a file it rewrites): the watch ends then, not at a fixed worst case
        asked = performance.now();
        stopped = await fetch(stopUrl, { cache: 'no-store' }).then((r) => r.text()).then((t) => t.trim() === 'stop',
          () => false);
      }
      await sleep(250);
    }
    return { samples, sources, stoppedByTest: stopped };
  }

  // ------------------------------------------------------------------ tracks (audio languages, subtitles)

  /** The native text track the player renders into: 'showing' first, else a 'hidden' one with cues. */
  function renderedTrack(video) {
    const all = [...video.textTracks].filter((t) => t.kind === 'subtitles' || t.kind === 'captions');
    return all.find((t) => t.mode === 'showing') || all.find((t) => t.mode === 'hidden' && t.cues && t.cues.length) || null;
  }

  const cueText = (c) => String(c.text === undefined ? '' : c.text).replace(/<[^>]*>/g, '').trim();
  const cueJson = (c) => ({ text: cueText(c), start: r3(c.startTime), end: r3(c.endTime) });

  /**
   * The loudest frequency of what the video element plays, through Web Audio (the element is unmuted, its sound goes
   * only into an analyser and a silent gain: nothing is heard). Tells which audio track is playing when the tracks
   * carry different tones. null when Web Audio does not run.
   */
  function audioProbe(video, log) {
    try {
      const ctx = new AudioContext();
      const source = ctx.createMediaElementSource(video);
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      const silent = ctx.createGain();
      silent.gain.value = 0;
      source.connect(analyser);
      analyser.connect(silent);
      silent.connect(ctx.destination);
      video.muted = false;
      video.volume = 1;
      ctx.resume().catch(() => {});
      const bins = new Float32Array(analyser.frequencyBinCount);
      return {
        hz() {
          analyser.getFloatFrequencyData(bins);
          let best = 0;
          for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
          return bins[best] < -90 ? 0 : Math.round(best * ctx.sampleRate / analyser.fftSize); // 0: silence
        },
        close: () => ctx.close().catch(() => {}),
      };
    } catch (e) {
      log.warn('no audio probe: ' + e);
      return null;
    }
  }

  function nativeTracks(video) {
    return [...video.textTracks].map((t) => ({ kind: t.kind, label: t.label, language: t.language, mode: t.mode,
      cues: t.cues ? t.cues.length : null }));
  }

  /**
   * Track scenario (config.tracks): one player at 1x (tracks.rate), no rendition checks.
   *  - lists the audio and text tracks as the player exposes them (report.tracks.audio / .text),
   *  - tracks.textLanguage: selects that text track before playing, shown (report.tracks.textSelection), and waits
   *    (tracks.textReadyTimeoutMs) for its first cues, except in dash.js,
   *  - tracks.audioLanguage + tracks.switchAt: switches the audio track to that language when currentTime reaches
   *    switchAt; then playback must advance tracks.keepPlayingSeconds (default 1.5) with no error and the player
   *    must report that language active (report.tracks.audioSwitch),
   *  - tracks.cueTimes: at each media time, the active cues of the rendered native text track
   *    (report.tracks.cueSamples), and at the end every cue that track holds (report.tracks.cues),
   *  - tracks.probeAudio: listens to the element (audioProbe) and reports the loudest frequency (report.tracks.tones).
   * Languages match in either ISO 639 form (sameLang).
   */
  async function trackScenario(cfg, report, fail) {
    const t = Object.assign({ rate: 1, keepPlayingSeconds: 1.5, cueTimes: [], textReadyTimeoutMs: 10000 }, cfg.tracks);
    const out = { audio: [], text: [], audioAfter: [], textAfter: [], textSelection: null, audioSwitch: null,
      cueSamples: [], cues: [], nativeTextTracks: [] };
    report.tracks = out;
    const s = session(cfg, report, 'tracks');
    const v = s.video;
    const error = (e) => String(e && e.message ? e.message : e);
    // tracks.probeAudio: the loudest frequency every 250 ms of media time (report.tracks.tones: [[time, hz]...])
    const probe = t.probeAudio ? audioProbe(v, { warn: (m) => report.warnings.push(m) }) : null;
    out.tones = probe ? [] : null;
    let nextTone = 0;
    try {
      await s.load();
      report.renditions = s.adapter.renditions();
      report.audio = s.adapter.audio();
      report.liveReported = s.adapter.isLive();
      out.audio = s.adapter.audioTracks();
      out.text = s.adapter.textTracks();
      if (t.textLanguage) {
        out.textSelection = { language: t.textLanguage, ok: false };
        try {
          s.adapter.selectText(t.textLanguage);
          out.textSelection.ok = true;
          s.note('text track ' + t.textLanguage + ' selected');
        } catch (e) {
          out.textSelection.error = error(e);
          fail('text track ' + t.textLanguage + ': ' + error(e));
        }
      }
      if (out.textSelection && out.textSelection.ok && s.adapter.cuesWhilePaused !== false) {
        // the first cues are loaded before playing (Shaka fetches text after the media under load): the samples then
        // judge where cues are, not how fast the first one arrived
        const since = performance.now();
        const ready = await waitFor(() => {
          const track = renderedTrack(v);
          return !!(track && track.cues && track.cues.length);
        }, t.textReadyTimeoutMs, s.broken);
        out.textSelection.readyMs = Math.round(performance.now() - since);
        out.textSelection.cuesBeforePlay = ready;
        s.note(ready ? 'cues loaded' : 'no cues loaded before playing');
      }
      await s.play(t.rate);
      report.videoStart = v.buffered.length ? r3(v.buffered.start(0)) : null;
      report.duration = r3(v.duration);

      const times = [...t.cueTimes].sort((a, b) => a - b);
      const pending = times.map((at) => ({ at }));
      const sw = t.audioLanguage ? { language: t.audioLanguage, requestedAt: t.switchAt || 0, ok: false } : null;
      out.audioSwitch = sw;
      // the run goes on until every cue sample is taken and, after the switch, playback advanced keepPlayingSeconds
      // (or ended: a switch near the end)
      const lastCue = times.length ? times[times.length - 1] : 0;
      const endOf = () => Math.min(Math.max(lastCue, sw && sw.at !== undefined ? sw.at + t.keepPlayingSeconds : 0),
        v.duration - 0.1);
      let last = v.currentTime;
      let moved = performance.now();
      const stuck = () => {
        if (v.currentTime !== last) {
          last = v.currentTime;
          moved = performance.now();
        }
        return s.broken() || performance.now() - moved > cfg.stallTimeoutMs;
      };
      const active = () => s.adapter.audioTracks().some((a) => a.active && sameLang(a.language, sw.language));
      const step = () => {
        const now = v.currentTime;
        if (probe && now >= nextTone) {
          out.tones.push([r3(now), probe.hz()]);
          nextTone = now + 0.25;
        }
        for (const p of pending) {
          if (!p.done && now >= p.at) {
            p.done = true;
            const track = renderedTrack(v);
            out.cueSamples.push({ at: p.at, time: r3(now), track: track ? track.label || track.language : null,
              active: track && track.activeCues ? [...track.activeCues].map(cueJson) : [] });
          }
        }
        if (sw && sw.at === undefined && now >= sw.requestedAt) {
          sw.at = r3(now);
          try {
            s.adapter.selectAudio(sw.language);
            s.note('audio ' + sw.language + ' selected at ' + r3(now));
          } catch (e) {
            sw.error = error(e);
          }
        }
        if (sw && sw.at !== undefined && !sw.error && sw.activeAt === undefined && active()) sw.activeAt = r3(now);
      };
      const done = () => pending.every((p) => p.done) && (!sw || (sw.at !== undefined
        && (sw.error || sw.activeAt !== undefined))) && (v.currentTime >= endOf() || s.state.ended);
      const reached = await waitFor(done, 10 * 60 * 1000, stuck, step);
      for (const p of pending) if (!p.done) out.cueSamples.push({ at: p.at, time: null, track: null, active: [], missed: true });
      if (sw) {
        sw.to = r3(v.currentTime);
        sw.ended = s.state.ended;
        sw.activeReported = sw.activeAt !== undefined;
        sw.advanced = sw.at === undefined ? 0 : r3(v.currentTime - sw.at);
        sw.ok = reached && !sw.error && sw.activeReported && !s.broken()
          && (sw.advanced >= t.keepPlayingSeconds - 0.05 || s.state.ended);
        if (sw.error) fail('audio switch to ' + sw.language + ': ' + sw.error);
      }
      if (!reached) {
        fail('tracks: playback stopped at ' + r3(v.currentTime) + ' of ' + r3(v.duration) + ' s ('
          + (s.broken() ? 'media error' : 'stuck for ' + cfg.stallTimeoutMs + ' ms')
          + (sw && sw.at !== undefined ? ', audio switched to ' + sw.language + ' at ' + sw.at + ' s'
            + (sw.activeReported ? '' : ', never reported active') : '') + ')', !s.broken());
      }
      out.audioAfter = s.adapter.audioTracks();
      out.textAfter = s.adapter.textTracks();
      out.nativeTextTracks = nativeTracks(v);
      const track = renderedTrack(v);
      out.cues = track && track.cues ? [...track.cues].slice(0, 100).map(cueJson) : [];
    } finally {
      if (probe) probe.close();
      await s.close();
    }
  }

  window.streamgearHarness = { run };
})();
