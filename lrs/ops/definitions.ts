// The Activities and Agents resources: what the LRS knows about one activity or agent.
import { canonicalActivity } from "../domain/activity-definition.js";
import { requireDefinitionRead, type Credential } from "../domain/credential.js";
import { personOf, type Person } from "../domain/person.js";
import { parseAgent } from "../domain/validate-actor.js";
import { expectIri } from "../domain/validate-primitives.js";
import type { Activity } from "../domain/xapi-types.js";
import type { OpsContext } from "./context.js";

export async function getActivity(ctx: OpsContext, activityId: unknown, as: Credential): Promise<Activity> {
  requireDefinitionRead(as);
  const id = expectIri(activityId, "activityId");
  const definition = await ctx.store.read((tx) => ctx.store.getActivityDefinition(tx, id));
  return canonicalActivity(id, definition);
}

export async function getPerson(ctx: OpsContext, agent: unknown, as: Credential): Promise<Person> {
  requireDefinitionRead(as);
  return personOf(parseAgent(agent, "agent"));
}
