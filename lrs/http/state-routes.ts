// The State resource (xAPI-Communication.md 2.3).
import { Router } from "express";
import { NotFoundError } from "../errors.js";
import type { Lrs } from "../create-lrs.js";
import type { StateParams, StateScope } from "../domain/state-document.js";
import { documentOf, preconditionsOf, sendDocument } from "./documents.js";
import { credentialOf, versionOf } from "./middleware.js";
import { parseStateQueryParams, type RawQuery } from "./params.js";

const PATH = "/activities/state";

export function stateRoutes(lrs: Lrs): Router {
  const router = Router();

  router.get(PATH, async (req, res) => {
    const { values, stateId, since } = parseStateQueryParams(req.query as RawQuery);
    const as = credentialOf(res);
    if (stateId === undefined) {
      res.json(await lrs.listStateIds(values as unknown as StateScope, since, as));
      return;
    }
    const doc = await lrs.getStateDocument(values as unknown as StateParams, as);
    if (doc === undefined) throw new NotFoundError("no such state document");
    sendDocument(res, doc);
  });

  router.put(PATH, async (req, res) => {
    const { values } = parseStateQueryParams(req.query as RawQuery);
    await lrs.putStateDocument(values as unknown as StateParams, documentOf(req), credentialOf(res), preconditionsOf(req), versionOf(res));
    res.status(204).end();
  });

  router.post(PATH, async (req, res) => {
    const { values } = parseStateQueryParams(req.query as RawQuery);
    await lrs.postStateDocument(values as unknown as StateParams, documentOf(req), credentialOf(res), preconditionsOf(req));
    res.status(204).end();
  });

  router.delete(PATH, async (req, res) => {
    const { values, stateId } = parseStateQueryParams(req.query as RawQuery);
    const as = credentialOf(res);
    if (stateId === undefined) await lrs.deleteStateDocuments(values as unknown as StateScope, as);
    else await lrs.deleteStateDocument(values as unknown as StateParams, as, preconditionsOf(req));
    res.status(204).end();
  });

  return router;
}
