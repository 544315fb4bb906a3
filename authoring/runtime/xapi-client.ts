// The few xAPI calls a page makes: with the cmi5 session token (8.2.1.0-5) or the
// Authorization value of an xAPI (TinCan) launch. Statements are retried when the LRS is
// unreachable or busy, and can be sent with keepalive so they outlive the page.
import type { Agent } from "./launch-params.js";
import type { Statement } from "./statements.js";

export const xapiVersion = "1.0.3";

export class XapiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Waits between attempts; injected so tests need no clock. */
export type Delay = (ms: number) => Promise<void>;

/** Attempts after the first, for a network error, 429 or 5xx; a 4xx is final. */
const retryDelaysMs = [500, 1000, 2000, 4000];

export class XapiClient {
  constructor(
    private readonly endpoint: string,
    /** The whole Authorization header value, e.g. `Basic a2V5OnNlY3JldA==`. */
    private readonly authorization: string,
    private readonly fetchImpl: typeof fetch,
    private readonly delay: Delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private async request(method: string, path: string, query: Record<string, string>, body?: unknown, keepalive = false): Promise<Response> {
    const url = `${this.endpoint}${path}${Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : ""}`;
    const headers: Record<string, string> = { authorization: this.authorization, "x-experience-api-version": xapiVersion };
    if (body !== undefined) headers["content-type"] = "application/json";
    return this.fetchImpl(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(keepalive ? { keepalive } : {}) });
  }

  /** Retries what may pass later; statement ids are fixed, so a repeat the LRS already has is harmless. */
  private async withRetries(attempt: () => Promise<Response>): Promise<Response> {
    for (let i = 0; ; i++) {
      const wait = retryDelaysMs[i];
      try {
        const response = await attempt();
        if (wait === undefined || (response.status !== 429 && response.status < 500)) return response;
      } catch (error) {
        if (wait === undefined) throw error;
      }
      await this.delay(wait);
    }
  }

  async sendStatement(statement: Statement): Promise<void> {
    const response = await this.withRetries(() => this.request("POST", "statements", {}, statement));
    if (!response.ok) throw new XapiError(`the LRS refused the ${statement.verb.id.split("/").pop()} statement (${response.status}): ${await describe(response)}`, response.status);
  }

  /**
   * The last word of a page that is going away: one keepalive request that the browser
   * finishes after unload. sendBeacon cannot carry the Authorization header, so it is fetch.
   */
  sendOnUnload(statements: readonly Statement[], state?: { activityId: string; agent: Agent; registration: string | undefined; stateId: string; document: unknown }): void {
    if (statements.length) void this.request("POST", "statements", {}, statements, true).catch(() => undefined);
    if (state) void this.request("PUT", "activities/state", stateQuery(state), state.document, true).catch(() => undefined);
  }

  async putState(activityId: string, agent: Agent, registration: string | undefined, stateId: string, document: unknown): Promise<void> {
    const response = await this.withRetries(() => this.request("PUT", "activities/state", stateQuery({ activityId, agent, registration, stateId }), document));
    if (!response.ok) throw new XapiError(`could not save ${stateId} (${response.status}): ${await describe(response)}`, response.status);
  }

  /** A state document as JSON, or undefined when there is none. */
  async getState(activityId: string, agent: Agent, registration: string | undefined, stateId: string): Promise<unknown> {
    const response = await this.withRetries(() => this.request("GET", "activities/state", stateQuery({ activityId, agent, registration, stateId })));
    if (response.status === 404) return undefined;
    if (!response.ok) throw new XapiError(`could not read ${stateId} (${response.status}): ${await describe(response)}`, response.status);
    return response.json();
  }

  /** An agent profile document, or undefined when missing or not served (11.0.0.0-2: no error). */
  async getAgentProfile(agent: Agent, profileId: string): Promise<unknown> {
    const response = await this.request("GET", "agents/profile", { agent: JSON.stringify(agent), profileId }).catch(() => undefined);
    if (!response?.ok) return undefined;
    return response.json().catch(() => undefined);
  }

  /** Whether a statement with this verb exists for the activity in the registration; false when unknown. */
  async hasStatement(agent: Agent, verb: string, activity: string, registration: string | undefined): Promise<boolean> {
    const query: Record<string, string> = { agent: JSON.stringify(agent), verb, activity, limit: "1" };
    if (registration) query.registration = registration;
    const response = await this.request("GET", "statements", query).catch(() => undefined);
    if (!response?.ok) return false;
    const body = (await response.json().catch(() => undefined)) as { statements?: unknown[] } | undefined;
    return (body?.statements?.length ?? 0) > 0;
  }
}

async function describe(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: string }; message?: string };
    return body.error?.message ?? body.message ?? text;
  } catch {
    return text.slice(0, 200);
  }
}

function stateQuery(params: { activityId: string; agent: Agent; registration: string | undefined; stateId: string }): Record<string, string> {
  const query: Record<string, string> = { activityId: params.activityId, agent: JSON.stringify(params.agent) };
  if (params.registration) query.registration = params.registration;
  query.stateId = params.stateId;
  return query;
}
