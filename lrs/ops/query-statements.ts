// Statement reads: one by id (voided or not), or a filtered, paged query of non-voided ones.
import { ifiKey } from "../domain/agent-ifi.js";
import { statementReadAccess, type Credential } from "../domain/credential.js";
import { activitiesOf } from "../domain/activity-definition.js";
import { formatStatement, type CanonicalContext } from "../domain/format-statement.js";
import { parseAcceptLanguage } from "../domain/language-preference.js";
import type { ActivityDefinition, Statement } from "../domain/xapi-types.js";
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

export interface QueryOptions {
  /** The request's Accept-Language: picks the one language per map of the canonical format. */
  acceptLanguage?: string;
}

export async function queryStatements(ctx: OpsContext, input: StatementQuery, as: Credential, options: QueryOptions = {}): Promise<StatementResult> {
  const access = statementReadAccess(as);
  for (const guard of ctx.guards) await guard.checkStatementsRead?.(as);
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
      if (!visible) return { statements: [], more: "", consistentThrough };
      const canonical = format === "canonical" ? await canonicalContext(ctx, tx, [row.statement], options) : undefined;
      return { statements: [formatStatement(row.statement, format, canonical)], more: "", consistentThrough };
    }
    const filter = toStatementFilter(query, after);
    if (mine !== undefined) filter.authorityIfi = mine;
    const rows = await ctx.store.queryStatements(tx, filter);
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    const more = rows.length > filter.limit && last !== undefined ? encodeMoreToken(query, last.cursor) : "";
    if (format === "exact" && page.every((row) => row.json !== undefined)) {
      // Parsed only if a caller reads them (the HTTP edge sends the text).
      let statements: Statement[] | undefined;
      const json = page.map((row) => row.json!);
      return {
        get statements() {
          return (statements ??= page.map((row) => row.statement));
        },
        json,
        more,
        consistentThrough,
      };
    }
    const statements = page.map((row) => row.statement);
    const canonical = format === "canonical" ? await canonicalContext(ctx, tx, statements, options) : undefined;
    return { statements: statements.map((statement) => formatStatement(statement, format, canonical)), more, consistentThrough };
  });
}

/** Every statement acknowledged before this instant is visible to a query started now (writes commit before they answer). */
export function consistentThrough(ctx: OpsContext): string {
  return ctx.clock().toISOString();
}

/** The LRS's definitions of every activity on the page (those it has), and the caller's languages. */
async function canonicalContext(ctx: OpsContext, tx: unknown, statements: readonly Statement[], options: QueryOptions): Promise<CanonicalContext> {
  const ids = new Set<string>();
  for (const statement of statements) for (const activity of activitiesOf(statement)) ids.add(activity.id);
  const definitions = new Map<string, ActivityDefinition>();
  for (const id of ids) {
    const definition = await ctx.store.getActivityDefinition(tx, id);
    if (definition !== undefined) definitions.set(id, definition);
  }
  return { definitions, languages: parseAcceptLanguage(options.acceptLanguage) };
}
