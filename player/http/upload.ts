import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { Request } from "express";
import { ValidationError } from "../errors.js";

export interface Upload {
  file: string;
  fields: Record<string, string>;
  /** Removes the temporary file. */
  discard(): Promise<void>;
}

/** Streams the multipart field `fieldName` to a temporary file; other fields are kept as text. */
export async function receiveUpload(req: Request, options: { fieldName: string; tempDir: string; maxBytes: number; id: string }): Promise<Upload> {
  if (!req.is("multipart/form-data")) throw new ValidationError(options.fieldName, "send the package as multipart/form-data");
  await mkdir(options.tempDir, { recursive: true });
  const file = path.join(options.tempDir, `upload-${options.id}.zip`);
  const discard = () => rm(file, { force: true });
  const fields: Record<string, string> = {};
  let received = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: options.maxBytes, fields: 20 } });
      } catch (error) {
        reject(new ValidationError(options.fieldName, `malformed multipart request (${(error as Error).message})`));
        return;
      }
      const writes: Promise<void>[] = [];
      parser.on("field", (name, value) => {
        fields[name] = value;
      });
      parser.on("file", (name, stream) => {
        if (name !== options.fieldName || received) {
          stream.resume();
          return;
        }
        received = true;
        stream.on("limit", () => reject(new ValidationError(options.fieldName, `larger than ${options.maxBytes} bytes`)));
        writes.push(pipeline(stream, createWriteStream(file)));
      });
      parser.on("error", (error) => reject(new ValidationError(options.fieldName, `malformed multipart request (${(error as Error).message})`)));
      parser.on("close", () => {
        Promise.all(writes).then(() => resolve(), reject);
      });
      req.pipe(parser);
    });
  } catch (error) {
    await discard();
    throw error;
  }
  if (!received) throw new ValidationError(options.fieldName, "no file in the multipart field");
  return { file, fields, discard };
}
