// A real express app with the LRS router at /xapi, listening on 127.0.0.1:0.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { createLrsRouter, type Lrs, type LrsRouterOptions } from "../../../lrs/index.js";

export interface TestServer {
  url: string;
  logged: unknown[];
  request(method: string, pathAndQuery: string, options?: RequestOptions): Promise<Response>;
  close(): Promise<void>;
}

export interface RequestOptions {
  auth?: string;
  json?: unknown;
  body?: string | Buffer;
  contentType?: string;
  version?: string | null;
  headers?: Record<string, string>;
}

export async function startServer(lrs: Lrs, defaultAuth?: string, routerOptions: Omit<LrsRouterOptions, "logger"> = {}): Promise<TestServer> {
  const logged: unknown[] = [];
  const app = express();
  app.use("/xapi", createLrsRouter(lrs, { ...routerOptions, logger: { error: (_msg, err) => logged.push(err) } }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi`;
  return {
    url,
    logged,
    request: (method, pathAndQuery, options = {}) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.version !== null) headers["X-Experience-API-Version"] = options.version ?? "1.0.3";
      const auth = options.auth ?? defaultAuth;
      if (auth !== undefined) headers["Authorization"] = auth;
      let body: string | Uint8Array<ArrayBuffer> | undefined;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        headers["Content-Type"] = "application/json";
      } else if (options.body !== undefined) {
        body = typeof options.body === "string" ? options.body : new Uint8Array(options.body);
      }
      if (options.contentType !== undefined) headers["Content-Type"] = options.contentType;
      return fetch(`${url}${pathAndQuery}`, body === undefined ? { method, headers } : { method, headers, body });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export function qs(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, typeof value === "string" ? value : JSON.stringify(value));
  }
  return `?${search.toString()}`;
}
