package io.github.streamgear.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multi-track outputs made with FFmpeg directly (not by the component), for the track checks of the player harness:
 * a {@value #SECONDS} s source with English stereo audio (default, a {@value #ENGLISH_HZ} Hz tone) and French 5.1
 * audio (a {@value #FRENCH_HZ} Hz tone), packaged as DASH, HLS MPEG-TS, HLS fMP4 and CMAF (one set of fMP4 segments,
 * an MPD and an HLS master), each with English WebVTT subtitles added by hand:
 * <ul>
 * <li>DASH/CMAF MPD: FFmpeg writes {@code lang} and AudioChannelConfiguration; added: {@code <Label>} on both audio
 * sets, {@code <Role value="main">} on the English one (dash.js starts on the highest bandwidth otherwise: French), and
 * a text AdaptationSet with one whole-file WebVTT ({@code subtitles_eng.vtt}) as its BaseURL.</li>
 * <li>HLS masters: the EXT-X-MEDIA audio lines rewritten with NAME, LANGUAGE, CHANNELS, DEFAULT, AUTOSELECT (FFmpeg 5.1
 * writes NAME="audio_N", no CHANNELS, and no LANGUAGE in the CMAF master), a SUBTITLES group and
 * {@code SUBTITLES="subs"} on the variant; the subtitle playlist has one WebVTT file per media segment, each with
 * {@code X-TIMESTAMP-MAP=MPEGTS:n,LOCAL:00:00:00.000} (and the video's EXT-X-PROGRAM-DATE-TIME when it has them)
 * where n is the first video DTS of the MPEG-TS segments (FFmpeg
 * starts them at 1.4 s) and 0 for fMP4 (see /work/notes/vtt-timing.md for the measurements).</li>
 * </ul>
 * Cue {@code k} spans [k, k+1) s and says {@link #cueText(int) cueText(k)}.
 */
public final class TrackFixtures {

    /** Length of the source, seconds. */
    public static final int SECONDS = 6;
    /** Segment duration, seconds. */
    public static final int SEGMENT = 2;
    /** The English (default, stereo) track's tone. */
    public static final int ENGLISH_HZ = 440;
    /** The French (5.1) track's tone. */
    public static final int FRENCH_HZ = 220;

    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");

    private TrackFixtures() {
    }

    /** The text of cue {@code k}, shown from k s to k+1 s. */
    public static String cueText(int k) {
        return "Cue " + k;
    }

    /**
     * The outputs, all under {@code dir}.
     *
     * @param tsMpegts the X-TIMESTAMP-MAP MPEGTS value of the MPEG-TS subtitles (the first video DTS, 90 kHz)
     */
    public record Fixture(Path dir, Path source, Path dash, Path hlsTs, Path hlsFmp4, Path cmafMpd, Path cmafM3u8,
            long tsMpegts) {
    }

    /** Makes the source and all four packagings in {@code dir} (a few seconds of FFmpeg). */
    public static Fixture make(Path dir) {
        try {
            Files.createDirectories(dir);
            Path source = source(dir.resolve("source.mp4"));
            Path dash = dash(source, dir.resolve("dash"), false);
            Path ts = hls(source, dir.resolve("hls-ts"), "mpegts");
            Path fmp4 = hls(source, dir.resolve("hls-fmp4"), "fmp4");
            Path cmaf = dash(source, dir.resolve("cmaf"), true);
            long mpegts = firstVideoDts(ts.resolveSibling("stream_0_000.ts"));
            subtitledMaster(ts, "manifest.m3u8", mpegts);
            subtitledMaster(fmp4, "manifest.m3u8", 0);
            Path cmafM3u8 = subtitledMaster(cmaf.resolveSibling("ffmpeg-master.m3u8"), "manifest.m3u8", 0);
            return new Fixture(dir, source, dash, ts.resolveSibling("manifest.m3u8"), fmp4.resolveSibling("manifest.m3u8"),
                    cmaf, cmafM3u8, mpegts);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the track fixtures in " + dir, e);
        }
    }

    /**
     * Writes a master {@code name} next to {@code ffmpegMaster} (FFmpeg's master of a multi-audio HLS or CMAF output,
     * {@code ffmpeg-master.m3u8} in the fixture's folders):
     * its audio renditions named (English stereo default, Français 5.1), plus English subtitles whose segments carry
     * {@code X-TIMESTAMP-MAP=MPEGTS:mpegts,LOCAL:00:00:00.000}. Another name and MPEGTS give a variant to compare (a
     * wrong MPEGTS shifts the cues). Returns the master written.
     */
    public static Path subtitledMaster(Path ffmpegMaster, String name, long mpegts) throws IOException {
        Path dir = ffmpegMaster.getParent();
        String master = read(ffmpegMaster);
        String base = name.replaceFirst("\\.m3u8$", "");
        // the video playlist: the one the variant line points to
        String[] lines = master.split("\n");
        String videoPlaylist = null;
        List<String> audioUris = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("#EXT-X-STREAM-INF") && i + 1 < lines.length) {
                videoPlaylist = lines[i + 1].trim();
            }
            Matcher uri = Pattern.compile("TYPE=AUDIO.*URI=\"([^\"]+)\"").matcher(lines[i]);
            if (uri.find()) {
                audioUris.add(uri.group(1));
            }
        }
        if (videoPlaylist == null || audioUris.size() != 2) {
            throw new IOException("unexpected FFmpeg master " + ffmpegMaster + ":\n" + master);
        }
        String subtitles = subtitlePlaylist(dir, base + "-subs", read(dir.resolve(videoPlaylist)), mpegts);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#EXT-X-MEDIA:TYPE=AUDIO")) {
                continue;
            }
            if (line.startsWith("#EXT-X-STREAM-INF")) {
                String group = attribute(line, "AUDIO");
                out.append(media(group, "English", "eng", 2, true, audioUris.get(0)));
                out.append(media(group, "Français", "fra", 6, false, audioUris.get(1)));
                out.append("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=NO,"
                        + "AUTOSELECT=YES,URI=\"").append(subtitles).append("\"\n");
                line = line + ",SUBTITLES=\"subs\"";
            }
            out.append(line).append('\n');
        }
        Path written = dir.resolve(name);
        Files.writeString(written, out.toString().replaceAll("\n{3,}", "\n\n"), StandardCharsets.UTF_8);
        return written;
    }

    private static String media(String group, String name, String language, int channels, boolean dflt, String uri) {
        return "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"" + group + "\",NAME=\"" + name + "\",LANGUAGE=\"" + language
                + "\",CHANNELS=\"" + channels + "\",DEFAULT=" + (dflt ? "YES" : "NO") + ",AUTOSELECT=YES,URI=\"" + uri
                + "\"\n";
    }

    /** One WebVTT file per segment of the video playlist (same durations), cues on the presentation timeline. */
    private static String subtitlePlaylist(Path dir, String base, String videoPlaylist, long mpegts) throws IOException {
        StringBuilder pl = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:" + SEGMENT
                + "\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        // program date times as the video's (FFmpeg's CMAF playlists carry them; Shaka logs an error for a subtitle
        // playlist without them when the media playlists have them)
        List<String> dates = new ArrayList<>();
        Matcher pdt = Pattern.compile("#EXT-X-PROGRAM-DATE-TIME:(\\S+)").matcher(videoPlaylist);
        while (pdt.find()) {
            dates.add(pdt.group(1));
        }
        Matcher m = EXTINF.matcher(videoPlaylist);
        double start = 0;
        int n = 0;
        while (m.find()) {
            double duration = Double.parseDouble(m.group(1));
            StringBuilder vtt = new StringBuilder("WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:" + mpegts + ",LOCAL:00:00:00.000\n");
            for (int k = 0; k < SECONDS; k++) {
                if (k >= start - 1e-6 && k < start + duration - 1e-6) {
                    vtt.append('\n').append(cue(k));
                }
            }
            String file = base + "-" + n++ + ".vtt";
            Files.writeString(dir.resolve(file), vtt.toString(), StandardCharsets.UTF_8);
            pl.append(String.format(Locale.ROOT, "#EXTINF:%.6f,\n", duration));
            if (n - 1 < dates.size()) {
                pl.append("#EXT-X-PROGRAM-DATE-TIME:").append(dates.get(n - 1)).append('\n');
            }
            pl.append(file).append('\n');
            start += duration;
        }
        pl.append("#EXT-X-ENDLIST\n");
        String name = base + ".m3u8";
        Files.writeString(dir.resolve(name), pl.toString(), StandardCharsets.UTF_8);
        return name;
    }

    private static String cue(int k) {
        return time(k) + " --> " + time(k + 1) + "\n" + cueText(k) + "\n";
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    // ------------------------------------------------------------------ FFmpeg

    private static Path source(Path out) throws IOException {
        TestMedia.run(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=" + ENGLISH_HZ + ":sample_rate=48000,aformat=channel_layouts=stereo",
                "-f", "lavfi", "-i", "sine=frequency=" + FRENCH_HZ + ":sample_rate=48000,aformat=channel_layouts=5.1",
                "-t", Integer.toString(SECONDS), "-map", "0:v", "-map", "1:a", "-map", "2:a",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "128k",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra",
                "-disposition:a:0", "default", "-disposition:a:1", "0", "-shortest", out.toString()));
        return out;
    }

    private static Path dash(Path source, Path dir, boolean hlsPlaylist) throws IOException {
        Files.createDirectories(dir);
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-i", source.toString(), "-map", "0:v", "-map", "0:a:0", "-map", "0:a:1", "-c", "copy",
                "-metadata:s:a:0", "language=eng", "-metadata:s:a:1", "language=fra",
                "-f", "dash", "-seg_duration", Integer.toString(SEGMENT), "-use_template", "1", "-use_timeline", "0",
                "-adaptation_sets", "id=0,streams=v id=1,streams=1 id=2,streams=2"));
        if (hlsPlaylist) {
            argv.addAll(List.of("-hls_playlist", "1", "-hls_master_name", "ffmpeg-master.m3u8"));
        }
        argv.add(dir.resolve("manifest.mpd").toString());
        TestMedia.run(argv);
        Path mpd = dir.resolve("manifest.mpd");
        String xml = read(mpd);
        xml = afterAudioSet(xml, "eng", "<Label>English</Label>\n\t\t\t"
                + "<Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"main\"/>");
        xml = afterAudioSet(xml, "fra", "<Label>Français</Label>");
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        for (int k = 0; k < SECONDS; k++) {
            vtt.append('\n').append(cue(k));
        }
        Files.writeString(dir.resolve("subtitles_eng.vtt"), vtt.toString(), StandardCharsets.UTF_8);
        String text = "\t\t<AdaptationSet id=\"3\" contentType=\"text\" mimeType=\"text/vtt\" lang=\"eng\">\n"
                + "\t\t\t<Label>English</Label>\n"
                + "\t\t\t<Role schemeIdUri=\"urn:mpeg:dash:role:2011\" value=\"subtitle\"/>\n"
                + "\t\t\t<Representation id=\"sub_eng\" bandwidth=\"256\">\n"
                + "\t\t\t\t<BaseURL>subtitles_eng.vtt</BaseURL>\n"
                + "\t\t\t</Representation>\n"
                + "\t\t</AdaptationSet>\n";
        int period = xml.lastIndexOf("\t</Period>");
        if (period < 0) {
            throw new IOException("no </Period> in " + mpd + ":\n" + xml);
        }
        Files.writeString(mpd, xml.substring(0, period) + text + xml.substring(period), StandardCharsets.UTF_8);
        return mpd;
    }

    /** Inserts {@code elements} as the first children of the audio AdaptationSet in {@code lang}. */
    private static String afterAudioSet(String xml, String lang, String elements) throws IOException {
        Matcher m = Pattern.compile("<AdaptationSet [^>]*contentType=\"audio\"[^>]*lang=\"" + lang + "\"[^>]*>").matcher(xml);
        if (!m.find()) {
            throw new IOException("no audio AdaptationSet in " + lang + ":\n" + xml);
        }
        return xml.substring(0, m.end()) + "\n\t\t\t" + elements + xml.substring(m.end());
    }

    /** FFmpeg's HLS output, three playlists stream_0 (video), stream_1 (eng), stream_2 (fra); returns the video one. */
    private static Path hls(Path source, Path dir, String segmentType) throws IOException {
        Files.createDirectories(dir);
        boolean fmp4 = segmentType.equals("fmp4");
        List<String> argv = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-i", source.toString(), "-map", "0:v", "-map", "0:a:0", "-map", "0:a:1", "-c", "copy",
                "-f", "hls", "-hls_time", Integer.toString(SEGMENT), "-hls_playlist_type", "vod",
                "-hls_segment_type", segmentType, "-master_pl_name", "ffmpeg-master.m3u8",
                "-hls_segment_filename", dir.resolve("stream_%v_%03d." + (fmp4 ? "m4s" : "ts")).toString()));
        if (fmp4) {
            argv.addAll(List.of("-hls_fmp4_init_filename", "init_%v.mp4"));
        }
        argv.addAll(List.of("-var_stream_map",
                "v:0,agroup:aud a:0,agroup:aud,language:eng,default:yes a:1,agroup:aud,language:fra",
                dir.resolve("stream_%v.m3u8").toString()));
        TestMedia.run(argv);
        return dir.resolve("ffmpeg-master.m3u8");
    }

    /** The first video packet's DTS in a TS segment, in 90 kHz units (X-TIMESTAMP-MAP's MPEGTS). */
    static long firstVideoDts(Path segment) throws IOException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                "-show_entries", "packet=dts", "-of", "csv=p=0", segment.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        try {
            return Long.parseLong(out.split("\\s+")[0].replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IOException("ffprobe " + segment + ": " + out, e);
        }
    }

    private static String attribute(String line, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(line);
        return m.find() ? m.group(1) : "aud";
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
