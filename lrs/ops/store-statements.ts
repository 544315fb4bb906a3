// The statement write: validate, prepare, run guards, then one transaction for the
// whole batch (all or nothing), then listeners. Idempotent resends are not re-stored.
import { ConflictError, ValidationError } from "../errors.js";
import { requireStatementWrite, type Credential } from "../domain/credential.js";
import { prepareStatement, stampStatement, type PreparedStatement } from "../domain/prepare-statement.js";
import { sameStatement } from "../domain/statement-equality.js";
import { indexStatement, voidedTargetOf } from "../domain/statement-index.js";
import { parseStatement } from "../domain/validate-statement.js";
import type { Statement, StoredStatement } from "../domain/xapi-types.js";
import type { OpsContext } from "./context.js";

export async function storeStatements(ctx: OpsContext, input: unknown, as: Credential): Promise<string[]> {
  requireStatementWrite(as);
  const batch = Array.isArray(input);
  const parsed = (batch ? input : [input]).map((value, i) => parseStatement(value, batch ? `[${i}]` : ""));
  const prepared = parsed.map((statement) => prepareStatement(statement, as, ctx.newId));
  checkBatch(prepared, batch);
  for (const guard of ctx.guards) await guard.checkStatements?.(prepared, as);

  // Guards run outside the transaction: they may read the LMS's own database, and
  // transactions on one connection are serialized, so waiting inside would deadlock.
  const stored = await ctx.store.write(async (tx) => {
    const storedAt = ctx.clock().toISOString();
    const fresh: StoredStatement[] = [];
    for (const [i, statement] of prepared.entries()) {
      const id = statement.id.toLowerCase();
      const existing = await ctx.store.getStatement(tx, id);
      if (existing !== undefined) {
        if (!sameStatement(existing.statement, statement)) {
          throw new ConflictError(`${batch ? `[${i}].` : ""}id: statement ${statement.id} already exists with different content`);
        }
        continue;
      }
      const target = voidedTargetOf(statement);
      if (target !== undefined) {
        const targetRow = await ctx.store.getStatement(tx, target);
        if (targetRow?.voidsId !== undefined) throw ValidationError.at(path(batch, i, "object.id"), "a voiding statement cannot be voided");
        if (targetRow !== undefined) await ctx.store.markStatementVoided(tx, target);
      }
      const record = indexStatement(stampStatement(statement, storedAt));
      // A voiding statement may arrive before the statement it voids.
      await ctx.store.insertStatement(tx, record, await ctx.store.isVoidTarget(tx, record.id));
      fresh.push(record.statement);
    }
    return fresh;
  });

  await notify(ctx, stored, as);
  return prepared.map((statement) => statement.id);
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
