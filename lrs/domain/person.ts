// The Agents resource's Person object (xAPI-Communication.md 2.4). This LRS links no
// identities across agents, so a Person holds what the requested agent says (2.4.s3.b3).
import type { Account, Agent } from "./xapi-types.js";

export interface Person {
  objectType: "Person";
  name?: string[];
  mbox?: string[];
  mbox_sha1sum?: string[];
  openid?: string[];
  account?: Account[];
}

export function personOf(agent: Agent): Person {
  const person: Person = { objectType: "Person" };
  if (agent.name !== undefined) person.name = [agent.name];
  if (agent.mbox !== undefined) person.mbox = [agent.mbox];
  if (agent.mbox_sha1sum !== undefined) person.mbox_sha1sum = [agent.mbox_sha1sum];
  if (agent.openid !== undefined) person.openid = [agent.openid];
  if (agent.account !== undefined) person.account = [agent.account];
  return person;
}
