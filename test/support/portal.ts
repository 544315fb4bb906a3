import { expect } from "chai";
import { rawZip } from "./raw-zip.js";
import { HttpClient, type RunningServer } from "./standalone.js";

export const apiCourseId = "https://obuka.test/courses/portal-api";
export const apiBlockId = `${apiCourseId}/block/1`;
export const apiAu = {
  quiz: `${apiCourseId}/au/quiz`,
  reading: `${apiCourseId}/au/reading`,
  final: `${apiCourseId}/au/final`,
};

const langstring = (text: string) => `<langstring lang="sr-Latn">${text}</langstring>`;

/**
 * A course with a block of two AUs (one with masteryScore, launchParameters and an
 * entitlementKey; one whose URL has its own query string) and one AU outside the block.
 */
export function portalCourseZip(): Buffer {
  const au = (id: string, moveOn: string, url: string, extra = "", attributes = "") => `
    <au id="${id}" moveOn="${moveOn}"${attributes}>
      <title>${langstring(`Jedinica ${id.split("/").pop()}`)}</title>
      <description>${langstring("Opis")}</description>
      <url>${url}</url>${extra}
    </au>`;
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${apiCourseId}">
    <title>${langstring("Obuka za portal")}</title>
    <description>${langstring("Kurs za testove REST API-ja")}</description>
  </course>
  <block id="${apiBlockId}">
    <title>${langstring("Prvi blok")}</title>
    <description>${langstring("Dve jedinice")}</description>${au(apiAu.quiz, "CompletedAndPassed", "quiz.html", "\n      <launchParameters>mode=quiz</launchParameters>\n      <entitlementKey>xyz-123-9999</entitlementKey>", ' masteryScore="0.8"')}${au(apiAu.reading, "Completed", "reading.html?lang=sr-Latn")}
  </block>${au(apiAu.final, "Passed", "final.html")}
</courseStructure>`;
  const page = "<!doctype html><title>AU</title>";
  return rawZip([
    { name: "cmi5.xml", content: xml },
    { name: "quiz.html", content: page },
    { name: "reading.html", content: page },
    { name: "final.html", content: page },
  ]);
}

/** A course whose only AU has moveOn NotApplicable: satisfied at registration (9.6.1). */
export function notApplicableCourseZip(courseId: string): Buffer {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${courseId}">
    <title>${langstring("Informativni kurs")}</title>
    <description>${langstring("Bez uslova")}</description>
  </course>
  <au id="${courseId}/au/1" moveOn="NotApplicable">
    <title>${langstring("Uvod")}</title>
    <description>${langstring("Opis")}</description>
    <url>index.html</url>
  </au>
</courseStructure>`;
  return rawZip([{ name: "cmi5.xml", content: xml }, { name: "index.html", content: "<!doctype html><title>AU</title>" }]);
}

/** A portal's view of the player: Bearer API key, JSON in and out. */
export class PortalClient {
  constructor(
    readonly baseUrl: string,
    readonly key: string,
  ) {}

  request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${this.key}`, ...headers }, redirect: "manual" };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    return fetch(this.baseUrl + pathname, init);
  }

  async json<T = Record<string, unknown>>(method: string, pathname: string, body?: unknown, expectedStatus?: number): Promise<T> {
    const response = await this.request(method, pathname, body);
    const text = await response.text();
    if (expectedStatus !== undefined) expect(response.status, text).to.equal(expectedStatus);
    return JSON.parse(text) as T;
  }
}

/** Signs in as admin and issues a portal API key through the REST API. */
export async function issuePortalKey(server: RunningServer, name = "Portal CSR (test)"): Promise<{ admin: HttpClient; key: string; keyId: string }> {
  const admin = new HttpClient(server.baseUrl);
  await admin.logIn("admin");
  await admin.page("/catalog");
  const response = await admin.request("/api/keys", {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": admin.csrfToken },
    body: JSON.stringify({ name }),
  });
  expect(response.status).to.equal(201);
  const body = (await response.json()) as { key: string; keyId: string };
  return { admin, key: body.key, keyId: body.keyId };
}

/** Imports a zip with the portal key (multipart, no CSRF: a key is not an ambient credential). */
export async function importWithKey(portal: PortalClient, zip: Buffer): Promise<Response> {
  const form = new FormData();
  form.set("package", new Blob([new Uint8Array(zip)], { type: "application/zip" }), "package.zip");
  return fetch(`${portal.baseUrl}/api/packages`, { method: "POST", headers: { authorization: `Bearer ${portal.key}` }, body: form });
}

type StoredStatement = { id: string; verb: { id: string }; object: { id: string; definition?: { type?: string } }; result?: Record<string, unknown> & { duration?: string; extensions?: Record<string, unknown> }; context: { registration: string; contextActivities: Record<string, { id: string }[]>; extensions: Record<string, unknown> } };

/** Every statement of a registration, oldest first, read with an all-seeing LRS credential. */
export async function lrsStatements(server: RunningServer, registration: string): Promise<StoredStatement[]> {
  const { key, secret } = await server.lrs.credentials.create({ name: "test reader", scopes: ["all/read"] });
  const response = await fetch(`${server.baseUrl}/xapi/statements?registration=${registration}&ascending=true&limit=500`, {
    headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`, "x-experience-api-version": "1.0.3" },
  });
  expect(response.status).to.equal(200);
  return ((await response.json()) as { statements: StoredStatement[] }).statements;
}
