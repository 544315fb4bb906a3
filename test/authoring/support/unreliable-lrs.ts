// An LMS/LRS stand-in that is slow and failing on purpose, for the runtime's page-hide tests:
// the first statement POSTs answer 503, later single statements are held unanswered (a slow
// LMS) until the test releases them, and batches (what a page sends as it goes away) are
// recorded. Every request is told to waiters, so tests wait for events, never for time.
import express, { type Request, type Response } from "express";

export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface UnreliableLrs {
  router: express.Router;
  requests: ReceivedRequest[];
  /** Statements accepted, in arrival order, with whether they came in a batch. */
  accepted: { statement: Record<string, any>; inBatch: boolean }[];
  /** Resolves once a request matching `test` has arrived (or already had). */
  waitFor(test: (request: ReceivedRequest) => boolean): Promise<ReceivedRequest>;
  /** Answers every held statement POST with 204 (accepting them) and stops holding. */
  release(): void;
}

export function createUnreliableLrs(options: { failFirst: number; launchData?: Record<string, unknown> }): UnreliableLrs {
  const requests: ReceivedRequest[] = [];
  const accepted: UnreliableLrs["accepted"] = [];
  const waiters: { test: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest) => void }[] = [];
  const held: { response: Response; statement: Record<string, any> }[] = [];
  let failuresLeft = options.failFirst;
  let holding = true;

  const note = (request: Request): ReceivedRequest => {
    const received = { method: request.method, path: request.path, body: request.body as unknown };
    requests.push(received);
    for (const waiter of [...waiters]) {
      if (!waiter.test(received)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(received);
    }
    return received;
  };

  const router = express.Router();
  // keepalive requests arrive as ordinary requests; the body may come as text/plain too.
  router.use(express.json({ type: () => true, limit: "1mb" }));
  router.post("/fetch", (req, res) => {
    note(req);
    res.json({ "auth-token": Buffer.from("session:secret").toString("base64") });
  });
  router.post("/xapi/statements", (req, res) => {
    note(req);
    if (Array.isArray(req.body)) {
      for (const statement of req.body as Record<string, any>[]) accepted.push({ statement, inBatch: true });
      res.json((req.body as { id: string }[]).map((s) => s.id));
      return;
    }
    if (failuresLeft > 0) {
      failuresLeft--;
      res.status(503).json({ error: { message: "busy" } });
      return;
    }
    const statement = req.body as Record<string, any>;
    // Initialized must pass for a cmi5 session to start; everything after it is slow.
    if (holding && !String(statement.verb?.id).endsWith("/initialized")) {
      held.push({ response: res, statement });
      return;
    }
    accepted.push({ statement, inBatch: false });
    res.json([statement.id]);
  });
  router.get("/xapi/statements", (req, res) => {
    note(req);
    res.json({ statements: [], more: "" });
  });
  router.get("/xapi/activities/state", (req, res) => {
    note(req);
    if (req.query.stateId === "LMS.LaunchData" && options.launchData) res.json(options.launchData);
    else res.status(404).end();
  });
  router.put("/xapi/activities/state", (req, res) => {
    note(req);
    res.status(204).end();
  });
  router.get("/xapi/agents/profile", (req, res) => {
    note(req);
    res.status(404).end();
  });

  return {
    router,
    requests,
    accepted,
    waitFor: (test) => {
      const seen = requests.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    release: () => {
      holding = false;
      for (const { response, statement } of held.splice(0)) {
        accepted.push({ statement, inBatch: false });
        response.json([statement.id]);
      }
    },
  };
}
