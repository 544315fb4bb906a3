// One string per inverse functional identifier, so agents can be indexed and compared.
import type { Actor } from "./xapi-types.js";

/** `mbox:mailto:a@b`, `account:["https://home","name"]`…; undefined for an anonymous Group. */
export function ifiKey(actor: Actor): string | undefined {
  if (actor.mbox !== undefined) return `mbox:${actor.mbox}`;
  if (actor.mbox_sha1sum !== undefined) return `mbox_sha1sum:${actor.mbox_sha1sum.toLowerCase()}`;
  if (actor.openid !== undefined) return `openid:${actor.openid}`;
  if (actor.account !== undefined) return `account:${JSON.stringify([actor.account.homePage, actor.account.name])}`;
  return undefined;
}
