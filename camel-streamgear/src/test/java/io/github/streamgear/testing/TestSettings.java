package io.github.streamgear.testing;

import java.util.List;

import io.github.streamgear.engine.ladder.Rendition;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.settings.HlsSegmentType;
import io.github.streamgear.engine.settings.InputPolicy;
import io.github.streamgear.engine.settings.RateControl;
import io.github.streamgear.engine.settings.LiveOptions;
import io.github.streamgear.engine.settings.Segmenting;
import io.github.streamgear.engine.settings.StreamFormat;
import io.github.streamgear.engine.settings.TrackSelection;
import io.github.streamgear.engine.settings.TranscodeSettings;

/** Engine settings for tests that build commands: the defaults, changed one option at a time. */
public final class TestSettings {

    private TranscodeSettings s = TranscodeSettings.DEFAULTS;

    /** The defaults with these extra renditions ({@code streams} option, e.g. {@code 640x360@800k,426x240}). */
    public static TestSettings streams(String streams) {
        return new TestSettings().encoding(e -> new Encoding(Rendition.parseList(streams), e.bitsPerPixel(), e.videoCodec(),
                e.preset(), e.audioCodec(), e.audioBitrate(), e.audioChannels(), e.gop(), e.outputOptions()));
    }

    public TestSettings format(StreamFormat format) {
        Segmenting g = s.segmenting();
        s = s.withSegmenting(new Segmenting(format, g.hlsSegmentType(), g.segmentDuration(), g.manifestName()));
        return this;
    }

    public TestSettings hlsSegmentType(HlsSegmentType type) {
        Segmenting g = s.segmenting();
        s = s.withSegmenting(new Segmenting(g.format(), type, g.segmentDuration(), g.manifestName()));
        return this;
    }

    public TestSettings segmentDuration(double seconds) {
        Segmenting g = s.segmenting();
        s = s.withSegmenting(new Segmenting(g.format(), g.hlsSegmentType(), seconds, g.manifestName()));
        return this;
    }

    public TestSettings manifestName(String name) {
        Segmenting g = s.segmenting();
        s = s.withSegmenting(new Segmenting(g.format(), g.hlsSegmentType(), g.segmentDuration(), name));
        return this;
    }

    public TestSettings videoCodec(String codec, String preset) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), codec, preset, e.audioCodec(),
                e.audioBitrate(), e.audioChannels(), e.gop(), e.outputOptions()));
    }

    public TestSettings audio(String codec, String bitrate) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), codec, bitrate,
                e.audioChannels(), e.gop(), e.outputOptions()));
    }

    public TestSettings audioChannels(int channels) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), e.audioCodec(),
                e.audioBitrate(), channels, e.gop(), e.outputOptions()));
    }

    public TestSettings audioTracks(String selection) {
        s = s.withTracks(new TrackSelection(selection, s.tracks().subtitleTracks(), s.tracks().sidecarSubtitles()));
        return this;
    }

    public TestSettings subtitleTracks(String selection) {
        s = s.withTracks(new TrackSelection(s.tracks().audioTracks(), selection, s.tracks().sidecarSubtitles()));
        return this;
    }

    public TestSettings gop(int frames) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), e.audioCodec(),
                e.audioBitrate(), e.audioChannels(), frames, e.outputOptions()));
    }

    public TestSettings rateControl(RateControl mode, int crf) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), e.audioCodec(),
                e.audioBitrate(), e.audioChannels(), e.gop(), e.outputOptions(), e.copyPrimary(), mode, crf));
    }

    public TestSettings outputOptions(List<String> options) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), e.audioCodec(),
                e.audioBitrate(), e.audioChannels(), e.gop(), options));
    }

    public TestSettings inputOptions(List<String> options) {
        InputPolicy p = s.input();
        s = s.withInput(new InputPolicy(p.allowedProtocols(), p.allowedDemuxers(), options));
        return this;
    }

    public TestSettings allowed(String protocols, String demuxers) {
        s = s.withInput(new InputPolicy(protocols, demuxers, s.input().inputOptions()));
        return this;
    }

    public TestSettings live(LiveOptions live) {
        s = s.withLive(live);
        return this;
    }

    public TestSettings thumbnails(io.github.streamgear.engine.settings.Thumbnails thumbnails) {
        var o = s.output();
        s = s.withOutput(new io.github.streamgear.engine.settings.OutputPolicy(o.clearPrevAssets(), o.timeout(),
                o.previewPage(), o.previewPlayer(), o.previewPlayerUrl(), o.allowShortOutput(), thumbnails));
        return this;
    }

    public TestSettings protection(io.github.streamgear.engine.settings.Protection protection) {
        s = s.withProtection(protection);
        return this;
    }

    public TestSettings copyPrimary(io.github.streamgear.engine.settings.CopyPrimary copyPrimary) {
        return encoding(e -> new Encoding(e.extraRenditions(), e.bitsPerPixel(), e.videoCodec(), e.preset(), e.audioCodec(),
                e.audioBitrate(), e.audioChannels(), e.gop(), e.outputOptions(), copyPrimary, e.rateControl(), e.crfOption()));
    }

    public TranscodeSettings build() {
        return s;
    }

    private TestSettings encoding(java.util.function.UnaryOperator<Encoding> change) {
        s = s.withEncoding(change.apply(s.encoding()));
        return this;
    }
}
