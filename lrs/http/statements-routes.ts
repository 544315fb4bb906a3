// The Statement resource (xAPI-Communication.md 2.1).
import { Router, type Request, type Response } from "express";
import { NotFoundError, ValidationError } from "../errors.js";
import type { Lrs } from "../create-lrs.js";
import { attachmentHashes } from "../domain/attachments.js";
import { credentialOf, versionOf } from "./middleware.js";
import { sendChunks, statementResultChunks } from "./json-chunks.js";
import { sendMultipart, statementsBody } from "./multipart.js";
import { attachmentsParam, parseStatementQueryParams, readParams, type RawQuery } from "./params.js";

export const CONSISTENT_THROUGH_HEADER = "X-Experience-API-Consistent-Through";

export function statementsRoutes(lrs: Lrs): Router {
  const router = Router();

  router.post("/statements", async (req, res) => {
    readParams(req.query as RawQuery, []);
    const { body, attachments } = statementsBody(req);
    const ids = await lrs.storeStatements(body, credentialOf(res), attachments, { version: versionOf(res), ownsInput: true });
    res.status(200).json(ids);
  });

  router.put("/statements", async (req, res) => {
    const { statementId } = readParams(req.query as RawQuery, ["statementId"]);
    if (statementId === undefined) throw ValidationError.at("statementId", "is required");
    const { body, attachments } = statementsBody(req);
    if (Array.isArray(body)) throw ValidationError.at("body", "must be a single statement");
    if (typeof body === "object" && body !== null) {
      const given = (body as Record<string, unknown>)["id"];
      if (given !== undefined && (typeof given !== "string" || given.toLowerCase() !== statementId.toLowerCase())) {
        throw ValidationError.at("id", "must match the statementId parameter");
      }
    }
    const statement = typeof body === "object" && body !== null ? { ...body, id: statementId } : body;
    await lrs.storeStatements(statement, credentialOf(res), attachments, { version: versionOf(res), ownsInput: true });
    res.status(204).end();
  });

  // Express answers HEAD with this GET handler, without the body.
  router.get("/statements", async (req, res) => {
    try {
      await getStatements(req, res);
    } catch (error) {
      // The header goes with every answer to a statement GET, a 400 included (2.1.3.s2.b5).
      if (!res.headersSent && res.get(CONSISTENT_THROUGH_HEADER) === undefined) res.set(CONSISTENT_THROUGH_HEADER, lrs.consistentThrough());
      throw error;
    }
  });

  async function getStatements(req: Request, res: Response): Promise<void> {
    const query = parseStatementQueryParams(req.query as RawQuery);
    const as = credentialOf(res);
    const acceptLanguage = req.get("Accept-Language");
    const result = await lrs.queryStatements(query, as, acceptLanguage === undefined ? {} : { acceptLanguage });
    res.set(CONSISTENT_THROUGH_HEADER, result.consistentThrough);
    // With attachments=true the answer is multipart/mixed: the JSON, then the stored attachment data.
    const send = async (json: readonly Buffer[]) => {
      if (!attachmentsParam(req.query as RawQuery)) return sendChunks(res, "application/json", json);
      sendMultipart(res, json, await lrs.getAttachments(attachmentHashes(result.statements), as));
    };
    if (query.statementId !== undefined || query.voidedStatementId !== undefined) {
      const [statement] = result.statements;
      if (statement === undefined) throw new NotFoundError("no such statement");
      // One statement's Last-Modified is its stored time (2.0 4.1.6.1). A page gets none: a page can
      // change without a newer statement on it (voiding), so an If-Modified-Since answer could go stale.
      if (statement.stored !== undefined) res.set("Last-Modified", new Date(statement.stored).toUTCString());
      await send([Buffer.from(JSON.stringify(statement))]);
      return;
    }
    const more = result.more === "" ? "" : `${req.baseUrl}/statements?more=${encodeURIComponent(result.more)}`;
    await send(statementResultChunks(result, more));
  }

  return router;
}
