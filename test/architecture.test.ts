import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";

const root = path.resolve(import.meta.dirname, "..");
const areas = ["authoring", "lrs", "player"] as const;

interface ImportLine {
  file: string;
  specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs)$/.test(name) ? [full] : [];
  });
}

function importsOf(file: string): ImportLine[] {
  const text = readFileSync(file, "utf8");
  const found: ImportLine[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s[^'"`;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s*["']([^"']+)["']/g;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier) found.push({ file: path.relative(root, file), specifier });
  }
  return found;
}

/** The area a relative import lands in, or undefined for packages. */
function targetOf(line: ImportLine): string | undefined {
  if (!line.specifier.startsWith(".")) return undefined;
  return path.relative(root, path.resolve(root, path.dirname(line.file), line.specifier));
}

const all = areas.flatMap((area) => sourceFiles(path.join(root, area)).flatMap(importsOf));

describe("architecture (docs/architecture.md)", () => {
  it("finds the import lines it checks", () => {
    expect(all.length).to.be.greaterThan(50);
    expect(all.some((l) => l.file.startsWith("player/") && l.specifier.endsWith("lrs/index.js"))).to.equal(true);
  });

  it("authoring/text/ imports nothing outside itself: no area, no node: module, no package (the player may import it)", () => {
    const text = all.filter((l) => l.file.startsWith("authoring/text/"));
    expect(text.length).to.be.greaterThan(0);
    const offending = text.filter((l) => !(targetOf(l) ?? "").startsWith("authoring/text/"));
    expect(offending).to.deep.equal([]);
  });

  it("player/ imports from authoring/ only authoring/text/ (the transliterator both need)", () => {
    const fromAuthoring = all.filter((l) => l.file.startsWith("player/") && (targetOf(l) ?? "").startsWith("authoring/"));
    expect(fromAuthoring.length, "the player's sr-Cyrl pages use the shared transliterator").to.be.greaterThan(0);
    expect(fromAuthoring.filter((l) => !(targetOf(l) ?? "").startsWith("authoring/text/"))).to.deep.equal([]);
  });

  it("lrs/ imports no other area", () => {
    const offending = all.filter((l) => l.file.startsWith("lrs/") && /^(authoring|player|courses)\//.test(targetOf(l) ?? ""));
    expect(offending).to.deep.equal([]);
  });

  it("player/ imports lrs/ only through lrs/index.ts", () => {
    const offending = all.filter((l) => {
      const target = targetOf(l) ?? "";
      return l.file.startsWith("player/") && target.startsWith("lrs/") && target !== "lrs/index.js";
    });
    expect(offending).to.deep.equal([]);
  });

  it("authoring/ imports neither lrs/ nor player/, except the obuka shim reaching lrs/cli.ts and player/cli.ts", () => {
    // The documented exceptions: `obuka lrs …` and `obuka import …` are dispatched by the umbrella shim.
    const shimToLrsCli = (l: ImportLine) => l.file === "authoring/bin/obuka.js" && targetOf(l) === "lrs/cli.ts";
    const shimToPlayerCli = (l: ImportLine) => l.file === "authoring/bin/obuka.js" && targetOf(l) === "player/cli.ts";
    const offending = all.filter((l) => l.file.startsWith("authoring/") && /^(lrs|player)\//.test(targetOf(l) ?? "") && !shimToLrsCli(l) && !shimToPlayerCli(l));
    expect(offending).to.deep.equal([]);
    expect(all.filter(shimToLrsCli)).to.have.lengthOf(1);
    expect(all.filter(shimToPlayerCli)).to.have.lengthOf(1);
  });

  it("browser code imports no node: module and no server package", () => {
    const browser = all.filter((l) => l.file.startsWith("authoring/runtime/") || l.file.startsWith("player/browser/"));
    const offending = browser.filter((l) => l.specifier.startsWith("node:") || ["express", "sqlite3", "pg", "fs", "path"].includes(l.specifier));
    expect(offending).to.deep.equal([]);
  });

  it("domain code knows no Express, SQL driver or filesystem", () => {
    const domain = all.filter((l) => l.file.includes("/domain/"));
    expect(domain.length).to.be.greaterThan(0);
    const offending = domain.filter((l) => ["express", "sqlite3", "pg", "node:fs", "node:fs/promises", "fs"].includes(l.specifier) || /\/(store|http)\//.test(targetOf(l) ?? ""));
    expect(offending).to.deep.equal([]);
  });
});
