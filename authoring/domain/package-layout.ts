// Where things go inside a package: one folder per AU, shared runtime and media.

export const runtimeScriptPath = "runtime/obuka-runtime.js";
export const runtimeStylePath = "runtime/obuka.css";

/** Module i (0-based) → its AU page, relative to the zip root. */
export function auPagePath(index: number): string {
  return `au/${String(index + 1).padStart(2, "0")}/index.html`;
}

/** From an AU page back to the zip root. */
export function rootPrefix(pagePath: string): string {
  return "../".repeat(pagePath.split("/").length - 1);
}

/** `pride-foster-care-cmi5.zip` from the course IRI, with the language when one was asked for. */
export function packageFileName(courseId: string, format: string, lang: string | undefined): string {
  const last = courseId.replace(/[?#].*$/, "").replace(/\/+$/, "").split(/[/:]/).pop() ?? "course";
  const slug = last.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "course";
  return `${slug}${lang ? `-${lang}` : ""}-${format}.zip`;
}
