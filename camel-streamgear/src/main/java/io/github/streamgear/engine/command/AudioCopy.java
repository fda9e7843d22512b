package io.github.streamgear.engine.command;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.streamgear.engine.probe.AudioStream;
import io.github.streamgear.engine.probe.MediaInfo;
import io.github.streamgear.engine.settings.Encoding;
import io.github.streamgear.engine.tracks.AudioRendition;
import io.github.streamgear.engine.tracks.TrackPlan;

/**
 * Whether the audio tracks of a job whose video is copied ({@code videoCodec=copy}, {@code copyPrimary=auto}) are copied
 * too ({@code -c:a copy}), as packagers such as Shaka Packager and Bento4 do: encoding the AAC is then most of the
 * job's CPU. They are copied when every track is already what the encoder would have made, and nothing the user set
 * asks for an encode:
 * <ul>
 * <li>AAC-LC, the profile of FFmpeg's encoder and the one every player decodes (HE-AAC is signalled implicitly in many
 * files, and MSE players then report half the sample rate and fail to switch);</li>
 * <li>44.1 or 48 kHz, the rates of Apple's HLS authoring specification and of every browser's decoder;</li>
 * <li>mono or stereo: what the browser checks play here, and a multichannel layout may be in an order (5.1 with side
 * instead of back channels) that the encoder would have remapped;</li>
 * <li>a known bitrate no higher than {@code audioBitrate} (per channel pair, as for the encode) plus 5% for the
 * container's rounding: the option is the most the audio may cost, so a 96k track is copied under the default 128k,
 * and a 320k track, or any track with an explicit {@code audioBitrate=64k}, is encoded to the option's rate;</li>
 * <li>{@code audioCodec} is FFmpeg's {@code aac}, {@code audioChannels} is 0 or the track's channels, and no raw output
 * option is an audio one ({@code ffmpeg.af}, {@code ffmpeg.ar}, {@code ffmpeg.b:a} ...): each of those needs the
 * encoder.</li>
 * </ul>
 * Otherwise every track is encoded, as before; either way one log line says which, and why.
 */
public final class AudioCopy {

    /** How far above {@code audioBitrate} a copied track's average may be: containers round it up a little. */
    static final double BITRATE_TOLERANCE = 0.05;

    private static final Set<Integer> RATES = Set.of(44_100, 48_000);
    private static final Set<String> LAYOUTS = Set.of("mono", "stereo");
    /** Raw output options that act on the audio: the short ones, and any option with an audio stream specifier. */
    private static final Set<String> AUDIO_OPTIONS = Set.of("-af", "-ar", "-ac", "-aq", "-ab", "-acodec", "-atag",
            "-apad", "-aframes", "-absf");
    private static final Pattern AUDIO_SPECIFIER = Pattern.compile("-[a-z_]+:a(:.*)?");

    private AudioCopy() {
    }

    /**
     * @param copy   whether the audio is copied
     * @param reason for the log: what was copied, or why it is encoded
     */
    public record Decision(boolean copy, String reason) {
    }

    /** Decides for the audio {@code tracks} of {@code media}, whose video is copied. */
    public static Decision decide(Encoding e, MediaInfo media, TrackPlan tracks) {
        if (tracks.audio().isEmpty()) {
            return new Decision(false, "no audio track");
        }
        if (!Encoding.DEFAULT_AUDIO_CODEC.equals(e.audioCodec())) {
            return new Decision(false, "audioCodec=" + e.audioCodec() + " is set");
        }
        for (String o : e.outputOptions()) {
            String name = o.toLowerCase(Locale.ROOT);
            if (AUDIO_OPTIONS.contains(name) || AUDIO_SPECIFIER.matcher(name).matches()) {
                return new Decision(false, "the raw output option " + o + " acts on the audio");
            }
        }
        StringBuilder copied = new StringBuilder();
        for (AudioRendition r : tracks.audio()) {
            AudioStream a = source(media, r);
            String unfit = a == null ? "it is not a stream of the source" : unfit(e, a);
            if (unfit != null) {
                return new Decision(false, "track " + r.name() + " " + unfit);
            }
            AudioStream.Coding c = a.coding();
            copied.append(copied.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s AAC-LC %s %.1f kHz %d"
                    + " kbit/s", r.name(), c.layout(), c.sampleRate() / 1000.0, c.bitrateKbps()));
        }
        return new Decision(true, copied.toString());
    }

    /** Why the track cannot be copied under these options, or null. */
    static String unfit(Encoding e, AudioStream a) {
        AudioStream.Coding c = a.coding();
        if (!"aac".equalsIgnoreCase(c.codec()) || !"LC".equalsIgnoreCase(c.profile())) {
            return "is " + (c.codec().isEmpty() ? "of unknown codec" : c.codec()) + (c.profile().isEmpty() ? ""
                    : " (" + c.profile() + ")") + ", not AAC-LC";
        }
        if (!RATES.contains(c.sampleRate())) {
            return "has " + c.sampleRate() + " Hz, not 44100 or 48000";
        }
        if (!LAYOUTS.contains(c.layout()) || a.channels() < 1 || a.channels() > 2) {
            return "is " + (c.layout().isEmpty() ? a.channels() + " channels" : c.layout()) + ", not mono or stereo";
        }
        if (e.audioChannels() > 0 && e.audioChannels() != a.channels()) {
            return "has " + a.channels() + " channel(s), not audioChannels=" + e.audioChannels();
        }
        long ceiling = kbps(AudioTracks.bitrate(e.audioBitrate(), a.channels()));
        if (c.bitrateKbps() <= 0 || ceiling <= 0) {
            return c.bitrateKbps() <= 0 ? "has no known bitrate" : "cannot be held to audioBitrate=" + e.audioBitrate();
        }
        if (c.bitrateKbps() > ceiling * (1 + BITRATE_TOLERANCE)) {
            return "has " + c.bitrateKbps() + " kbit/s, more than audioBitrate=" + e.audioBitrate();
        }
        return null;
    }

    /** The source stream a rendition is mapped from ({@code 0:a:N}), null if it comes from elsewhere. */
    private static AudioStream source(MediaInfo media, AudioRendition r) {
        List<AudioStream> streams = media.audioStreams();
        if (!r.input().startsWith("0:a:")) {
            return null;
        }
        int n = Integer.parseInt(r.input().substring(4));
        return n < streams.size() ? streams.get(n) : null;
    }

    /** {@code 128k} is 128, {@code 96000} is 96; 0 if not a plain number. */
    static long kbps(String rate) {
        String v = rate == null ? "" : rate.trim().toLowerCase(Locale.ROOT);
        double factor = 0.001;
        if (v.endsWith("k")) {
            factor = 1;
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(v) * factor);
        } catch (NumberFormatException ex) {
            return 0;
        }
    }
}
