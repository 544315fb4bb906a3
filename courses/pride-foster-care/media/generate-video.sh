#!/usr/bin/env bash
# Regenerates the recorded-training stand-ins of this course, one per session, each from its
# media/*.narration through ../../make-slide-video.sh, which also writes both caption tracks
# and both transcript pages from the same lines, so voice, captions and transcript cannot
# drift. Not run by the tests; the outputs (*.webm, *.vtt, pages/*-transkript.md,
# pages/*-transcript.en.md) are committed.
# Needs: ffmpeg, ffprobe, espeak-ng, fonts-dejavu-core.
# Run from anywhere: bash courses/pride-foster-care/media/generate-video.sh
set -euo pipefail
cd "$(dirname "$0")"
for narration in *.narration; do
  bash ../../make-slide-video.sh "$narration" . ../pages "${narration%.narration}"
done
