#!/usr/bin/env bash
# Regenerates the recorded-training stand-ins of this course. Not run by the tests; the
# outputs (*.webm, *.vtt, pages/*-transkript.md, pages/*-transcript.en.md) are committed.
# Needs: ffmpeg, ffprobe, espeak-ng, fonts-dejavu-core.
# Run from anywhere: bash courses/pride-foster-care/media/generate-video.sh
#
# Module 1 (uvod.webm, about 8 s, under 300 KB): a title slide with a short narration that
# says the same as the caption track uvod.sr-Latn.vtt; keep them in step by hand.
# Modules 2–9: one slide each from media/s*.narration through ../../make-slide-video.sh,
# which also writes the caption tracks and transcripts, so they cannot drift.
set -euo pipefail
cd "$(dirname "$0")"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# espeak-ng has a Serbian voice ("sr"); a brisk but intelligible speed fits the 8 s slide.
espeak-ng -v sr -s 165 -w "$tmp/voice.wav" \
  "Dobro došli u PRIDE obuku. Devet susreta, pet oblasti kompetencija, jedan cilj: sigurna porodica za dete."

ffmpeg -y -loglevel error \
  -f lavfi -i "color=c=0x1f5f8b:s=640x360:r=15:d=8" \
  -i "$tmp/voice.wav" \
  -filter_complex "[0:v]drawtext=fontfile=$bold:text='PRIDE\: priprema hranitelja':fontcolor=white:fontsize=34:x=(w-text_w)/2:y=120,drawtext=fontfile=$font:text='Sesija 1\: Put ka hraniteljstvu':fontcolor=white:fontsize=24:x=(w-text_w)/2:y=180,drawtext=fontfile=$font:text='obuka.rs — primer kursa':fontcolor=0xdde8f0:fontsize=16:x=(w-text_w)/2:y=300[v];[1:a]apad=whole_dur=8[a]" \
  -map "[v]" -map "[a]" -t 8 \
  -c:v libvpx-vp9 -b:v 150k -deadline good -cpu-used 4 -row-mt 1 \
  -c:a libopus -b:a 24k -ac 1 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  uvod.webm
ls -l uvod.webm

for narration in s*.narration; do
  bash ../../make-slide-video.sh "$narration" . ../pages "${narration%.narration}"
done
