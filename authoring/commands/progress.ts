// Build progress for long builds: what was packaged (files, bytes, format, language), shown
// on stderr only when it is a terminal, so logs and pipes stay quiet.

export interface PackageProgress {
  format: string;
  lang: string;
  /** 1-based position among the packages of this build. */
  index: number;
  total: number;
  files: number;
  bytes: number;
  zipFile: string;
}

export type ProgressListener = (progress: PackageProgress) => void;

/** One line per package: `[2/8] scorm12 sr-Cyrl: 14 files, 1.2 MB → dist/x.zip`. */
export function formatProgress(progress: PackageProgress, shownPath: string): string {
  const files = `${progress.files} file${progress.files === 1 ? "" : "s"}`;
  return `[${progress.index}/${progress.total}] ${progress.format} ${progress.lang}: ${files}, ${formatBytes(progress.bytes)} → ${shownPath}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
