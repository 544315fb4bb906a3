// The few xAPI calls an AU makes, with the cmi5 session token (8.2.1.0-5).
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

export class XapiClient {
  constructor(
    private readonly endpoint: string,
    private readonly authToken: string,
    private readonly fetchImpl: typeof fetch,
  ) {}

  private async request(method: string, path: string, query: Record<string, string>, body?: unknown): Promise<Response> {
    const url = `${this.endpoint}${path}${Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : ""}`;
    const headers: Record<string, string> = { authorization: `Basic ${this.authToken}`, "x-experience-api-version": xapiVersion };
    if (body !== undefined) headers["content-type"] = "application/json";
    return this.fetchImpl(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  }

  async sendStatement(statement: Statement): Promise<void> {
    const response = await this.request("POST", "statements", {}, statement);
    if (!response.ok) throw new XapiError(`the LRS refused the ${statement.verb.id.split("/").pop()} statement (${response.status}): ${await describe(response)}`, response.status);
  }

  /** A state document as JSON, or undefined when there is none. */
  async getState(activityId: string, agent: Agent, registration: string, stateId: string): Promise<unknown> {
    const response = await this.request("GET", "activities/state", { activityId, agent: JSON.stringify(agent), registration, stateId });
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
  async hasStatement(agent: Agent, verb: string, activity: string, registration: string): Promise<boolean> {
    const response = await this.request("GET", "statements", { agent: JSON.stringify(agent), verb, activity, registration, limit: "1" }).catch(() => undefined);
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
