// Agents and Groups (xAPI-Data.md 2.4.2): an Agent has exactly one inverse functional
// identifier; a Group has at most one, and an anonymous Group lists its members.
import type { Actor, Agent, Group } from "./xapi-types.js";
import {
  allowOnly,
  expectArray,
  expectIri,
  expectMailto,
  expectObject,
  expectSha1Hex,
  expectString,
  fail,
  join,
  type Json,
} from "./validate-primitives.js";

const IFI_KEYS = ["mbox", "mbox_sha1sum", "openid", "account"] as const;
const AGENT_KEYS = ["objectType", "name", ...IFI_KEYS];
const GROUP_KEYS = [...AGENT_KEYS, "member"];

/** Validates the IFIs present and returns how many there are. */
function checkIfis(obj: Json, path: string): number {
  let count = 0;
  if (obj["mbox"] !== undefined) {
    expectMailto(obj["mbox"], join(path, "mbox"));
    count++;
  }
  if (obj["mbox_sha1sum"] !== undefined) {
    expectSha1Hex(obj["mbox_sha1sum"], join(path, "mbox_sha1sum"));
    count++;
  }
  if (obj["openid"] !== undefined) {
    expectIri(obj["openid"], join(path, "openid"));
    count++;
  }
  if (obj["account"] !== undefined) {
    const accountPath = join(path, "account");
    const account = expectObject(obj["account"], accountPath);
    allowOnly(account, accountPath, ["homePage", "name"]);
    expectIri(account["homePage"], join(accountPath, "homePage"));
    expectString(account["name"], join(accountPath, "name"));
    count++;
  }
  if (count > 1) fail(path, "must have only one of mbox, mbox_sha1sum, openid, account");
  return count;
}

export function parseAgent(value: unknown, path: string): Agent {
  const obj = expectObject(value, path);
  allowOnly(obj, path, AGENT_KEYS);
  if (obj["objectType"] !== undefined && obj["objectType"] !== "Agent") fail(join(path, "objectType"), 'must be "Agent"');
  if (obj["name"] !== undefined) expectString(obj["name"], join(path, "name"));
  if (checkIfis(obj, path) !== 1) fail(path, "must have one of mbox, mbox_sha1sum, openid, account");
  return obj as Agent;
}

export function parseGroup(value: unknown, path: string): Group {
  const obj = expectObject(value, path);
  allowOnly(obj, path, GROUP_KEYS);
  if (obj["objectType"] !== "Group") fail(join(path, "objectType"), 'must be "Group"');
  if (obj["name"] !== undefined) expectString(obj["name"], join(path, "name"));
  const identified = checkIfis(obj, path) === 1;
  if (obj["member"] !== undefined) {
    const membersPath = join(path, "member");
    expectArray(obj["member"], membersPath).forEach((member, i) => parseAgent(member, join(membersPath, i)));
  }
  if (!identified && (!Array.isArray(obj["member"]) || obj["member"].length === 0)) {
    fail(join(path, "member"), "an anonymous Group must list at least one member");
  }
  return obj as unknown as Group;
}

export function parseActor(value: unknown, path: string): Actor {
  const obj = expectObject(value, path);
  return obj["objectType"] === "Group" ? parseGroup(obj, path) : parseAgent(obj, path);
}

/** An Agent or an identified Group: what the State API and the `agent` filter accept. */
export function parseIdentifiedActor(value: unknown, path: string): Actor {
  const actor = parseActor(value, path);
  if (!hasIfi(actor)) fail(path, "must be an Agent or an identified Group");
  return actor;
}

export function hasIfi(actor: Actor): boolean {
  return IFI_KEYS.some((key) => actor[key] !== undefined);
}
