import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { cmi5 } from "../../player/domain/cmi5-launch.js";

type Template = { contextActivities: Record<string, unknown>; extensions: Record<string, unknown> };

/** What an AU sees at launch, and a way to speak xAPI as a well-behaved AU would (cmi5 7 to 10). */
export class AuSide {
  readonly params: URLSearchParams;
  authToken = "";
  template: Template = { contextActivities: {}, extensions: {} };
  launchData: Record<string, unknown> = {};

  constructor(readonly launchUrl: URL) {
    this.params = launchUrl.searchParams;
  }

  get actor(): { objectType?: string; account: { name: string; homePage: string } } {
    return JSON.parse(this.params.get("actor")!) as { account: { name: string; homePage: string } };
  }

  get registration(): string {
    return this.params.get("registration")!;
  }

  get sessionId(): string {
    return this.template.extensions[cmi5.extSessionId] as string;
  }

  async fetchToken(): Promise<Record<string, string>> {
    const response = await fetch(this.params.get("fetch")!, { method: "POST" });
    expect(response.status).to.equal(200);
    expect(response.headers.get("content-type")).to.match(/^application\/json/);
    return (await response.json()) as Record<string, string>;
  }

  /** Fetches the token, reads LMS.LaunchData and the learner preferences, as an AU does on startup (8.2, 10, 11.0.0.0-3). */
  async start(options: { readPreferences?: boolean } = {}): Promise<this> {
    this.authToken = (await this.fetchToken())["auth-token"]!;
    const response = await this.xapi(this.stateUrl("LMS.LaunchData"));
    expect(response.status).to.equal(200);
    this.launchData = (await response.json()) as Record<string, unknown>;
    this.template = this.launchData.contextTemplate as Template;
    if (options.readPreferences ?? true) expect((await this.xapi(this.profileUrl("cmi5LearnerPreferences"))).status).to.equal(200);
    return this;
  }

  xapi(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("authorization", `Basic ${this.authToken}`);
    headers.set("x-experience-api-version", "1.0.3");
    return fetch(new URL(pathname, this.params.get("endpoint")!), { ...init, headers });
  }

  stateUrl(stateId: string, agent: unknown = this.actor, registration = this.registration): string {
    const q = new URLSearchParams({ activityId: this.params.get("activityId")!, agent: JSON.stringify(agent), registration, stateId });
    return `activities/state?${q.toString()}`;
  }

  profileUrl(profileId: string, agent: unknown = this.actor): string {
    return `agents/profile?${new URLSearchParams({ agent: JSON.stringify(agent), profileId }).toString()}`;
  }

  /** A cmi5 defined statement built on the contextTemplate (moveOn category when judged). */
  statement(verb: keyof typeof cmi5.verbs, result?: Record<string, unknown>, extensions: Record<string, unknown> = {}): Record<string, unknown> {
    const judged = result !== undefined && ("success" in result || "completion" in result);
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      actor: this.actor,
      verb: { id: cmi5.verbs[verb], display: { "en-US": verb } },
      object: { objectType: "Activity", id: this.params.get("activityId") },
      ...(result ? { result } : {}),
      context: {
        ...this.template,
        registration: this.registration,
        contextActivities: {
          ...this.template.contextActivities,
          category: [{ id: cmi5.categoryCmi5 }, ...(judged ? [{ id: cmi5.categoryMoveOn }] : [])],
        },
        extensions: { ...this.template.extensions, ...extensions },
      },
    };
  }

  post(statements: unknown): Promise<Response> {
    return this.xapi("statements", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(statements) });
  }

  send(verb: keyof typeof cmi5.verbs, result?: Record<string, unknown>, extensions: Record<string, unknown> = {}): Promise<Response> {
    return this.post(this.statement(verb, result, extensions));
  }
}
