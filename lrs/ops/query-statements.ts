// Statement reads: one by id (voided or not), or a filtered, paged query of non-voided ones.
import { ifiKey } from "../domain/agent-ifi.js";
import { statementReadAccess, type Credential } from "../domain/credential.js";
import { formatStatement } from "../domain/format-statement.js";
import {
  decodeMoreToken,
  encodeMoreToken,
  toStatementFilter,
  type StatementCursor,
  type StatementQuery,
  type StatementResult,
} from "../domain/statement-query.js";
import { parseStatementQuery } from "../domain/validate-query.js";
import type { OpsContext } from "./context.js";

export async function queryStatements(ctx: OpsContext, input: StatementQuery, as: Credential): Promise<StatementResult> {
  const access = statementReadAccess(as);
  let query = parseStatementQuery(input);
  let after: StatementCursor | undefined;
  if (query.more !== undefined) {
    const token = decodeMoreToken(query.more);
    query = parseStatementQuery(token.query);
    after = token.after;
  }
  const format = query.format ?? "exact";
  const mine = access === "mine" ? ifiKey(as.authority) : undefined;

  return ctx.store.read(async (tx) => {
    const consistentThrough = ctx.clock().toISOString();
    const single = query.statementId ?? query.voidedStatementId;
    if (single !== undefined) {
      const row = await ctx.store.getStatement(tx, single.toLowerCase());
      const wanted = query.voidedStatementId !== undefined;
      const visible = row !== undefined && row.voided === wanted && (mine === undefined || ifiKey(row.statement.authority) === mine);
      return { statements: visible ? [formatStatement(row.statement, format)] : [], more: "", consistentThrough };
    }
    const filter = toStatementFilter(query, after);
    if (mine !== undefined) filter.authorityIfi = mine;
    const rows = await ctx.store.queryStatements(tx, filter);
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const more = rows.length > filter.limit && last !== undefined ? encodeMoreToken(query, last.cursor) : "";
    return { statements: page.map((row) => formatStatement(row.statement, format)), more, consistentThrough };
  });
}
