#!/usr/bin/env bash
# Measures what splitting one source into two time ranges, encoded in parallel, gains on one machine
# (docs/scaling.md, "Longer term"). Encodes a 24 s 1280x720 30 fps source with the FFmpeg command the streamgear:
# component runs for format=cmaf&streams=640x360,426x240&segmentDuration=4 (copied from /proc/PID/cmdline of a real
# job), once as one process over the whole source, and once as two processes started together, each over one half
# (input -ss/-t at 12 s: a segment boundary, and a keyframe of the source). Prints wall and CPU times per run and the
# median speed-up.
#
#   examples/scale-out/bench/split-encode.sh [runs]      (default 3 runs; needs ffmpeg and ffprobe on the PATH)
set -euo pipefail
runs=${1:-3}
dir=$(mktemp -d /tmp/split-encode.XXXXXX)
trap 'rm -rf "$dir"' EXIT
src=$dir/source.mp4
half=12

# the source: keyframes every 2 s, so the cut at 12 s needs no decoding of frames before it
ffmpeg -v error -nostdin -y -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440 -t 24 \
  -c:v libx264 -preset medium -crf 20 -g 60 -keyint_min 60 -sc_threshold 0 -pix_fmt yuv420p -c:a aac -b:a 128k "$src"

# $1 = output folder; the rest goes before -i (input range) or before the output (timestamp offset)
encode() {
  local out=$1 range=$2 offset=$3
  mkdir -p "$out"
  # shellcheck disable=SC2086
  ffmpeg -hide_banner -nostdin -y -loglevel warning -nostats \
    -protocol_whitelist file -format_whitelist mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,mpeg,mxf,asf,ogg,h264,hevc,m4v,mjpeg,rawvideo,yuv4mpegpipe,wav,mp3,aac \
    $range -i "$src" \
    -filter_complex '[0:v:0]split=3[s0][s1][s2];[s0]scale=1280:720,setdar=1280/720,format=yuv420p[v0];[s1]scale=640:360,setdar=1280/720,format=yuv420p[v1];[s2]scale=426:240,setdar=1280/720,format=yuv420p[v2]' \
    -map '[v0]' -map '[v1]' -map '[v2]' -map 0:a:0 -c:v libx264 -preset veryfast \
    -b:v:0 2765k -maxrate:v:0 2765k -bufsize:v:0 5530k -b:v:1 691k -maxrate:v:1 691k -bufsize:v:1 1382k \
    -b:v:2 307k -maxrate:v:2 307k -bufsize:v:2 614k -g 60 -keyint_min 60 -sc_threshold 0 \
    -force_key_frames 'expr:gte(t,n_forced*4)' -c:a aac -b:a 128k -max_muxing_queue_size 4096 \
    $offset -f dash -seg_duration 4 -use_template 1 -use_timeline 1 -dash_segment_type mp4 \
    -adaptation_sets 'id=0,streams=v id=1,streams=a' -init_seg_name 'init-$RepresentationID$.$ext$' \
    -media_seg_name 'chunk-$RepresentationID$-$Number%05d$.$ext$' -hls_playlist 1 -hls_master_name manifest.m3u8 \
    "$out/manifest.mpd"
}

now() { date +%s.%N; }
cpu() { awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat; }   # this shell's children: user+sys clock ticks
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }   # the whole machine's busy ticks
ticks=$(getconf CLK_TCK)
cores=$(nproc)
# share of the machine other processes used while we measured (the numbers only mean something when it is small)
others() { echo "100 * (($4 - $3) - ($2 - $1)) / ($5 * $ticks * $cores)" | bc -l; }

echo "machine: $(nproc) cores, $(ffmpeg -version | head -1 | cut -d' ' -f1-3), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
speedups=()
for run in $(seq 1 "$runs"); do
  rm -rf "$dir/one" "$dir/a" "$dir/b"
  b0=$(busy); c0=$(cpu); t0=$(now)
  encode "$dir/one" "" ""
  t1=$(now); c1=$(cpu); b1=$(busy)
  encode "$dir/a" "-ss 0 -t $half" "" &
  encode "$dir/b" "-ss $half -t $half" "-output_ts_offset $half" &
  wait
  t2=$(now); c2=$(cpu); b2=$(busy)
  one=$(echo "$t1 - $t0" | bc -l); two=$(echo "$t2 - $t1" | bc -l)
  speedup=$(echo "$one / $two" | bc -l)
  speedups+=("$speedup")
  printf 'run %d: one process %.1f s wall, %.1f s CPU (others used %.0f%% of the machine); two halves in parallel %.1f s wall, %.1f s CPU (others %.0f%%); speed-up %.2fx\n' \
    "$run" "$one" "$(echo "($c1 - $c0) / $ticks" | bc -l)" "$(others "$c0" "$c1" "$b0" "$b1" "$one")" \
    "$two" "$(echo "($c2 - $c1) / $ticks" | bc -l)" "$(others "$c1" "$c2" "$b1" "$b2" "$two")" "$speedup"
done
# the halves are what a merged manifest would list: 3 segments of 4 s each per rendition, the second starting at 12 s
for h in a b; do
  printf 'half %s: %s s, %s video segments of 720p, first segment starts at %s s\n' "$h" \
    "$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$dir/$h/manifest.m3u8")" \
    "$(ls "$dir/$h" | grep -c '^chunk-0-')" \
    "$(ffprobe -v error -show_entries format=start_time -of default=nw=1:nk=1 "$dir/$h/manifest.m3u8")"
done
printf 'median speed-up over %d runs: %.2fx\n' "$runs" "$(printf '%s\n' "${speedups[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
