// A page of statements serialized statement by statement. JSON.stringify of a whole page
// builds one string of ~200,000 characters that V8 has to flatten before encoding it as
// UTF-8, and both steps allocate fresh blocks of hundreds of kilobytes; on a virtual machine
// every fresh memory page costs a fault (about 12 µs here), which made encoding a page cost
// more than querying it (docs/performance.md). A statement's few kilobytes come from Node's
// buffer pool instead.
import type { Response } from "express";

const COMMA = Buffer.from(",");

/**
 * `{"statements":[…],"more":"…"}` as buffers, one per statement plus the frame. `json`, when
 * given, holds the same statements as JSON text already (as stored), sent as they are.
 */
export function statementResultChunks(page: { statements: readonly unknown[]; json?: readonly string[] | undefined }, more: string): Buffer[] {
  const texts = page.json ?? page.statements.map((statement) => JSON.stringify(statement));
  const chunks: Buffer[] = [Buffer.from('{"statements":[')];
  texts.forEach((text, i) => {
    if (i > 0) chunks.push(COMMA);
    chunks.push(Buffer.from(text));
  });
  chunks.push(Buffer.from(`],"more":${JSON.stringify(more)}}`));
  return chunks;
}

/** Sends a 200 whose body is already serialized in chunks, with its length, in one write to the socket. */
export function sendChunks(res: Response, contentType: string, chunks: readonly Buffer[]): void {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  res.status(200).type(contentType).set("Content-Length", String(length));
  res.cork();
  for (const chunk of chunks) res.write(chunk);
  res.end();
}
