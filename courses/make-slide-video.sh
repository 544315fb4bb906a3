#!/usr/bin/env bash
# Shared by the courses' media/generate-video.sh scripts: turns a narration file into a
# short recorded-training stand-in — one slide (title, subtitle, up to three points) with
# a synthetic Serbian voice (espeak-ng), WebM VP9 + Opus — plus WebVTT captions in sr-Latn
# and en whose cue times are measured from the synthesised sentences, and transcript pages.
# Not run by the tests; the outputs are committed. Needs ffmpeg, ffprobe, espeak-ng and
# fonts-dejavu-core.
#
# Usage: make-slide-video.sh <narration file> <media dir> <pages dir> <name>
# writes <media dir>/<name>.webm, <name>.sr-Latn.vtt, <name>.en.vtt and
# <pages dir>/<name>-transkript.md, <name>-transcript.en.md.
#
# Narration file, one "key=value" a line (# starts a comment):
#   title=…  subtitle=…  point=… (0–3)  color=0x1f5f8b (slide background)
#   sr=… then en=… : one caption cue; the voice speaks the sr line, the en line is its translation.
set -euo pipefail
spec=$1 media=$2 pages=$3 name=$4
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

title="" subtitle="" color=0x1f5f8b
points=() sr=() en=()
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    ''|'#'*) ;;
    title=*) title=${line#title=} ;;
    subtitle=*) subtitle=${line#subtitle=} ;;
    color=*) color=${line#color=} ;;
    point=*) points+=("• ${line#point=}") ;;
    sr=*) sr+=("${line#sr=}") ;;
    en=*) en+=("${line#en=}") ;;
    *) echo "$spec: cannot read line: $line" >&2; exit 2 ;;
  esac
done < "$spec"
[ "${#sr[@]}" -eq "${#en[@]}" ] || { echo "$spec: every sr= line needs an en= line" >&2; exit 2; }

# One wav per sentence, so that each caption cue starts when its sentence does.
gap=0.35
ffmpeg -loglevel error -f lavfi -i "anullsrc=r=22050:cl=mono" -t "$gap" -c:a pcm_s16le "$tmp/gap.wav"
: > "$tmp/list.txt"
starts=() ends=()
t=0.3
ffmpeg -loglevel error -f lavfi -i "anullsrc=r=22050:cl=mono" -t "$t" -c:a pcm_s16le "$tmp/lead.wav"
echo "file '$tmp/lead.wav'" >> "$tmp/list.txt"
for i in "${!sr[@]}"; do
  espeak-ng -v sr -s 160 -w "$tmp/s$i.wav" "${sr[$i]}"
  d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$tmp/s$i.wav")
  starts+=("$t")
  t=$(awk -v a="$t" -v b="$d" 'BEGIN { printf "%.3f", a + b }')
  ends+=("$t")
  t=$(awk -v a="$t" -v b="$gap" 'BEGIN { printf "%.3f", a + b }')
  printf "file '%s'\nfile '%s'\n" "$tmp/s$i.wav" "$tmp/gap.wav" >> "$tmp/list.txt"
done
total=$(awk -v a="$t" 'BEGIN { printf "%.3f", a + 0.4 }')
ffmpeg -loglevel error -f concat -safe 0 -i "$tmp/list.txt" -c:a pcm_s16le "$tmp/voice.wav"

stamp() { awk -v s="$1" 'BEGIN { h = int(s / 3600); m = int((s % 3600) / 60); printf "%02d:%02d:%06.3f", h, m, s - h * 3600 - m * 60 }'; }
for lang in sr-Latn en; do
  out="$media/$name.$lang.vtt"
  echo "WEBVTT" > "$out"
  for i in "${!sr[@]}"; do
    if [ "$lang" = sr-Latn ]; then text=${sr[$i]}; else text=${en[$i]}; fi
    printf '\n%s --> %s\n%s\n' "$(stamp "${starts[$i]}")" "$(stamp "${ends[$i]}")" "$text" >> "$out"
  done
done

seconds=$(awk -v a="$total" 'BEGIN { printf "%d", a + 0.5 }')
{
  echo "**Transkript snimka (oko $seconds sekundi, sintetički glas):**"
  echo
  for s in "${sr[@]}"; do echo "> $s"; echo ">"; done | sed '$d'
  echo
  echo "Na slajdu piše: *$title — $subtitle*."
  for p in "${points[@]}"; do echo "- ${p#• }"; done
} > "$pages/$name-transkript.md"
{
  echo "**Transcript of the recording (about $seconds seconds, synthetic voice, spoken in Serbian):**"
  echo
  for s in "${en[@]}"; do echo "> $s"; echo ">"; done | sed '$d'
} > "$pages/$name-transcript.en.md"

# Text goes to drawtext through files, so colons, commas and quotes need no escaping.
printf '%s' "$title" > "$tmp/title.txt"
printf '%s' "$subtitle" > "$tmp/subtitle.txt"
printf '%s\n' "${points[@]}" | sed '$!b; s/\n$//' > "$tmp/points.txt"
printf '%s' "obuka.rs — primer kursa / example course" > "$tmp/footer.txt"
filters="drawtext=fontfile=$bold:textfile=$tmp/title.txt:fontcolor=white:fontsize=28:x=(w-text_w)/2:y=60"
filters+=",drawtext=fontfile=$font:textfile=$tmp/subtitle.txt:fontcolor=white:fontsize=21:x=(w-text_w)/2:y=110"
[ "${#points[@]}" -gt 0 ] && filters+=",drawtext=fontfile=$font:textfile=$tmp/points.txt:fontcolor=white:fontsize=18:line_spacing=14:x=60:y=175"
filters+=",drawtext=fontfile=$font:textfile=$tmp/footer.txt:fontcolor=0xdde8f0:fontsize=14:x=(w-text_w)/2:y=325"

ffmpeg -y -loglevel error \
  -f lavfi -i "color=c=$color:s=640x360:r=10:d=$total" \
  -i "$tmp/voice.wav" \
  -filter_complex "[0:v]$filters[v];[1:a]apad=whole_dur=$total[a]" \
  -map "[v]" -map "[a]" -t "$total" \
  -c:v libvpx-vp9 -b:v 0 -crf 50 -g 600 -deadline good -cpu-used 4 -row-mt 1 \
  -c:a libopus -b:a 20k -ac 1 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  "$media/$name.webm"
ls -l "$media/$name.webm"
