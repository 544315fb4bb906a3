// Attachment data for a statement query answered with attachments=true.
import type { AttachmentPart } from "../domain/attachments.js";
import { statementReadAccess, type Credential } from "../domain/credential.js";
import type { OpsContext } from "./context.js";

/** The stored parts among `sha2s` (lowercase hex); hashes with no stored data (fileUrl only) are left out. */
export async function getAttachments(ctx: OpsContext, sha2s: readonly string[], as: Credential): Promise<AttachmentPart[]> {
  statementReadAccess(as);
  if (sha2s.length === 0) return [];
  return ctx.store.read((tx) => ctx.store.getAttachments(tx, sha2s));
}
