// Finds the images of a Markdown page with their line and column, outside code, so the
// loader can require alt text and check that each image file exists.

export interface MarkdownImage {
  alt: string;
  /** The link target; undefined for a reference-style image (![alt][ref]). */
  target: string | undefined;
  line: number;
  column: number;
}

const fence = /^ {0,3}(`{3,}|~{3,})/;
const imageOrCode = /(`+)[\s\S]*?\1|!\[([^\]]*)\](?:\(\s*(?:<([^>]*)>|([^\s)]+))(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\[[^\]]*\])/g;

export function findMarkdownImages(markdown: string): MarkdownImage[] {
  const images: MarkdownImage[] = [];
  let open: string | undefined;
  markdown.split("\n").forEach((line, index) => {
    const marker = fence.exec(line)?.[1];
    if (open !== undefined) {
      if (marker && marker[0] === open[0] && marker.length >= open.length) open = undefined;
      return;
    }
    if (marker) {
      open = marker;
      return;
    }
    for (const match of line.matchAll(imageOrCode)) {
      if (match[1] !== undefined) continue; // a code span
      images.push({ alt: match[2] ?? "", target: match[3] ?? match[4], line: index + 1, column: match.index + 1 });
    }
  });
  return images;
}

/** `../media/a.png` from `pages/01.md` → `media/a.png`; undefined when it leaves the course folder. */
export function resolveImagePath(from: string, target: string): string | undefined {
  let clean: string;
  try {
    clean = decodeURIComponent(target.split(/[?#]/)[0] ?? "");
  } catch {
    return undefined;
  }
  if (clean.startsWith("/") || clean.includes("\\")) return undefined;
  const parts = from.split("/").slice(0, -1);
  for (const segment of clean.split("/")) {
    if (segment === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else if (segment !== "." && segment !== "") parts.push(segment);
  }
  return parts.join("/");
}
