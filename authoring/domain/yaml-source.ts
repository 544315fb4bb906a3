// Reads a YAML source keeping node ranges, so every semantic problem names file:line:col.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap, type YAMLSeq } from "yaml";
import { CourseSourceError } from "../errors.js";

/** A YAML node with the field path that led to it (for messages). */
export interface Located {
  node: Node | undefined;
  field: string;
  /** Where to point when the node is missing: the parent's position. */
  fallbackOffset: number;
}

export class YamlSource {
  readonly problems: CourseSourceError[] = [];
  private readonly lineCounter = new LineCounter();
  readonly root: Located;

  constructor(
    /** The file name as shown to the trainer (relative to the working directory). */
    readonly file: string,
    text: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
    for (const error of doc.errors) {
      const pos = this.lineCounter.linePos(error.pos[0]);
      this.problems.push(new CourseSourceError(file, pos.line, pos.col, "yaml", error.message.split("\n")[0] ?? error.message));
    }
    this.root = { node: doc.errors.length ? undefined : (doc.contents ?? undefined), field: "", fallbackOffset: 0 };
  }

  /** Records a problem at the node (or its parent when the node is missing). */
  report(at: Located, detail: string): void {
    const offset = at.node?.range?.[0] ?? at.fallbackOffset;
    const pos = this.lineCounter.linePos(offset);
    this.problems.push(new CourseSourceError(this.file, pos.line, pos.col, at.field || "(document)", detail));
  }

  /** The position of a node, for references checked later (missing files). */
  origin(at: Located): { file: string; line: number; column: number; field: string } {
    const pos = this.lineCounter.linePos(at.node?.range?.[0] ?? at.fallbackOffset);
    return { file: this.file, line: pos.line, column: pos.col, field: at.field || "(document)" };
  }

  /** A mapping's child; reports when the parent is not a mapping. */
  child(parent: Located, key: string): Located {
    const field = parent.field ? `${parent.field}.${key}` : key;
    const fallbackOffset = parent.node?.range?.[0] ?? parent.fallbackOffset;
    if (!isMap(parent.node)) return { node: undefined, field, fallbackOffset };
    const pair = (parent.node as YAMLMap<unknown, unknown>).items.find((item) => isScalar(item.key) && item.key.value === key);
    const keyOffset = isScalar(pair?.key) ? (pair.key.range?.[0] ?? fallbackOffset) : fallbackOffset;
    return { node: (pair?.value as Node | null | undefined) ?? undefined, field, fallbackOffset: keyOffset };
  }

  /** Keys of a mapping, for unknown-key checks and language maps. */
  keys(at: Located): { key: string; located: Located }[] {
    if (!isMap(at.node)) return [];
    return (at.node as YAMLMap<unknown, unknown>).items.flatMap((pair) => {
      if (!isScalar(pair.key)) return [];
      const key = String(pair.key.value);
      const keyOffset = pair.key.range?.[0] ?? at.fallbackOffset;
      return [{ key, located: { node: (pair.value as Node | null) ?? undefined, field: at.field ? `${at.field}.${key}` : key, fallbackOffset: keyOffset } }];
    });
  }

  isMap(at: Located): boolean {
    return isMap(at.node);
  }

  /** Items of a sequence; reports and returns [] when it is not one. */
  items(at: Located, required = true): Located[] {
    if (at.node === undefined && !required) return [];
    if (!isSeq(at.node)) {
      this.report(at, at.node === undefined ? "is required (a list)" : "must be a list");
      return [];
    }
    return (at.node as YAMLSeq<unknown>).items.map((item, index) => ({
      node: (item as Node | null) ?? undefined,
      field: `${at.field}[${index}]`,
      fallbackOffset: at.node?.range?.[0] ?? at.fallbackOffset,
    }));
  }

  /** Reports keys that are not in the allowed list (a typo would otherwise be ignored silently). */
  rejectUnknownKeys(at: Located, allowed: readonly string[]): void {
    for (const { key, located } of this.keys(at)) {
      if (!allowed.includes(key)) this.report({ ...located, node: undefined }, `unknown field (expected one of: ${allowed.join(", ")})`);
    }
  }

  scalar(at: Located): unknown {
    return isScalar(at.node) ? at.node.value : undefined;
  }

  string(at: Located, options: { required?: boolean; pattern?: RegExp; describe?: string } = {}): string | undefined {
    const required = options.required ?? true;
    if (at.node === undefined) {
      if (required) this.report(at, "is required");
      return undefined;
    }
    const value = this.scalar(at);
    if (typeof value !== "string" || value.trim() === "") {
      this.report(at, "must be a non-empty string");
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.report(at, `must be ${options.describe ?? `a string matching ${options.pattern}`}`);
      return undefined;
    }
    return value;
  }

  number(at: Located, options: { required?: boolean; min?: number; max?: number; describe: string }): number | undefined {
    if (at.node === undefined) {
      if (options.required ?? true) this.report(at, "is required");
      return undefined;
    }
    const value = this.scalar(at);
    const ok = typeof value === "number" && Number.isFinite(value) && (options.min === undefined || value >= options.min) && (options.max === undefined || value <= options.max);
    if (!ok) {
      this.report(at, `must be ${options.describe}`);
      return undefined;
    }
    return value as number;
  }

  boolean(at: Located, required = false): boolean | undefined {
    if (at.node === undefined) {
      if (required) this.report(at, "is required");
      return undefined;
    }
    const value = this.scalar(at);
    if (typeof value !== "boolean") {
      this.report(at, "must be true or false");
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(at: Located, allowed: readonly T[], fallback?: T): T | undefined {
    if (at.node === undefined && fallback !== undefined) return fallback;
    const value = this.string(at);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      this.report(at, `must be one of ${allowed.join(", ")}`);
      return undefined;
    }
    return value as T;
  }
}
