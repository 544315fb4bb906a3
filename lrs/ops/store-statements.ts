// The statement write: validate, pair attachment parts and check signatures, prepare,
// run guards, then one transaction for the whole batch and its attachment data (all or
// nothing), then listeners. Idempotent resends are not re-stored.
import { ConflictError, ValidationError } from "../errors.js";
import { mayDefine, requireStatementWrite, type Credential } from "../domain/credential.js";
import { definedActivitiesOf, mergeActivityDefinitions } from "../domain/activity-definition.js";
import { checkStatementVersion, type XapiVersion } from "../domain/xapi-version.js";
import { matchAttachmentParts, type AttachmentPart } from "../domain/attachments.js";
import { prepareStatement, stampStatement, type PreparedStatement } from "../domain/prepare-statement.js";
import { sameStatement } from "../domain/statement-equality.js";
import { indexStatement, voidedTargetOf } from "../domain/statement-index.js";
import { parseStatement } from "../domain/validate-statement.js";
import { verifySignatures } from "../domain/signature.js";
import type { Statement } from "../domain/xapi-types.js";
import type { NewStatementRow } from "../store/store.js";
import type { OpsContext } from "./context.js";

export interface StoreOptions {
  /**
   * The request's negotiated xAPI version (default 1.0.3): it sets the default statement
   * `version` and which Statement Comparison rules decide between a resend and a 409.
   */
  version?: XapiVersion;
  /**
   * The caller hands over a value it has just parsed from JSON and will not touch again
   * (the HTTP edge): validation may normalize it in place instead of deep-copying it first.
   * Library callers leave this off, and their objects are never mutated.
   */
  ownsInput?: boolean;
}

export async function storeStatements(
  ctx: OpsContext,
  input: unknown,
  as: Credential,
  parts: readonly AttachmentPart[] = [],
  options: StoreOptions = {},
): Promise<string[]> {
  requireStatementWrite(as);
  const version = options.version ?? "1.0.3";
  const batch = Array.isArray(input);
  const pathOf = (i: number) => (batch ? `[${i}]` : "");
  const owned = options.ownsInput === true ? { owned: true } : {};
  const parsed = (batch ? input : [input]).map((value, i) => parseStatement(value, pathOf(i), owned));
  parsed.forEach((statement, i) => checkStatementVersion(statement, version, pathOf(i)));
  const attachments = matchAttachmentParts(parsed, parts, pathOf);
  // Signatures are checked against the statement as received, before the LRS fills anything in.
  await verifySignatures(parsed, attachments, pathOf);
  const prepared = parsed.map((statement) => prepareStatement(statement, as, ctx.newId, version));
  checkBatch(prepared, batch);
  for (const guard of ctx.guards) await guard.checkStatements?.(prepared, as, parsed);

  // Guards run outside the transaction: they may read the LMS's own database, and
  // transactions on one connection are serialized, so waiting inside would deadlock.
  // Reads and inserts go by batch, not by statement: each store call is a round trip.
  const stored = await ctx.store.write(async (tx) => {
    const storedAt = ctx.clock().toISOString();
    for (const part of attachments.values()) await ctx.store.insertAttachment(tx, part);
    const ids = prepared.map((statement) => statement.id.toLowerCase());
    // A voiding statement may arrive before the statement it voids, or in the same batch.
    const { stored: existing, voidTargets: voidedIds } = await ctx.store.lookUpStatementIds(tx, ids);
    const rows: NewStatementRow[] = [];
    for (const [i, statement] of prepared.entries()) {
      const found = existing.get(ids[i]!);
      if (found !== undefined) {
        if (!sameStatement(found.statement, statement, version)) {
          throw new ConflictError(`${batch ? `[${i}].` : ""}id: statement ${statement.id} already exists with different content`);
        }
        continue;
      }
      const target = voidedTargetOf(statement);
      if (target !== undefined) {
        voidedIds.add(target);
        const targetRow = await ctx.store.getStatement(tx, target);
        if (targetRow?.voidsId !== undefined) throw ValidationError.at(path(batch, i, "object.id"), "a voiding statement cannot be voided");
        if (targetRow !== undefined) await ctx.store.markStatementVoided(tx, target);
      }
      const record = indexStatement(stampStatement(statement, storedAt));
      if (mayDefine(as)) await defineActivities(ctx, tx, record.statement);
      rows.push({ record, voided: false });
    }
    for (const row of rows) row.voided = voidedIds.has(row.record.id);
    await ctx.store.insertStatements(tx, rows);
    return rows.map((row) => row.record.statement);
  });

  await notify(ctx, stored, as);
  return prepared.map((statement) => statement.id);
}

/** Statements from a credential with scope "define" refine the LRS's canonical activity definitions. */
async function defineActivities(ctx: OpsContext, tx: unknown, statement: Statement): Promise<void> {
  for (const activity of definedActivitiesOf(statement)) {
    if (activity.definition === undefined) continue;
    const existing = await ctx.store.getActivityDefinition(tx, activity.id);
    await ctx.store.putActivityDefinition(tx, activity.id, mergeActivityDefinitions(existing, activity.definition));
  }
}

/** Duplicate ids and voids of voiding statements within the batch itself. */
function checkBatch(statements: PreparedStatement[], batch: boolean): void {
  const seen = new Map<string, number>();
  const voiding = new Set(statements.filter((s) => voidedTargetOf(s) !== undefined).map((s) => s.id.toLowerCase()));
  for (const [i, statement] of statements.entries()) {
    const id = statement.id.toLowerCase();
    const first = seen.get(id);
    if (first !== undefined) throw ValidationError.at(path(batch, i, "id"), `repeats the id of [${first}]`);
    seen.set(id, i);
    const target = voidedTargetOf(statement);
    if (target !== undefined && voiding.has(target)) throw ValidationError.at(path(batch, i, "object.id"), "a voiding statement cannot be voided");
  }
}

function path(batch: boolean, index: number, field: string): string {
  return batch ? `[${index}].${field}` : field;
}

async function notify(ctx: OpsContext, statements: Statement[], by: Credential): Promise<void> {
  if (statements.length === 0) return;
  for (const listener of [...ctx.listeners]) {
    try {
      await listener(statements, by);
    } catch (error) {
      // The statements are committed; a listener's failure is the listener's to fix.
      ctx.logger.error("lrs: statements listener failed", error);
    }
  }
}
