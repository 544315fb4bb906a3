#!/usr/bin/env bash
# Regenerates the recorded-training stand-ins of this course from media/*.narration, with
# their caption tracks and transcript pages (../../make-slide-video.sh). Not run by the
# tests; the outputs are committed. Needs: ffmpeg, ffprobe, espeak-ng, fonts-dejavu-core.
# Run from anywhere: bash courses/<course>/media/generate-video.sh
set -euo pipefail
cd "$(dirname "$0")"
for narration in *.narration; do
  bash ../../make-slide-video.sh "$narration" . ../pages "${narration%.narration}"
done
