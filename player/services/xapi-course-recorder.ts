// The LMS's record of an xAPI (TinCan) course: when a launch's statements make the course
// completed or passed by the package's rules (domain/xapi-course-outcome.ts), the player writes
// that about the course with its own credential, once per registration, as it does for SCORM
// rollups. Content's statements never anchor a credit; this statement does.
import { isDeepStrictEqual } from "node:util";
import type { Credential, Lrs, Statement } from "../../lrs/index.js";
import type { LearnerAgent } from "../domain/cmi5-launch.js";
import { xapiCourseActivityId, xapiCourseOutcome, xapiCourseStatement, xapiCourseVerbs } from "../domain/xapi-course-outcome.js";
import { outcomeVerbs } from "../domain/xapi-progress.js";
import type { PlayerStore } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";
import type { StatementProgress } from "./statement-progress.js";

export interface XapiCourseRecorderDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  statementProgress: StatementProgress;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
  /** Called when the LMS recorded a course outcome, so credits can be issued at once. */
  onCourseOutcome: (userId: string) => Promise<void>;
}

const outcomeVerbIds = new Set<string>(Object.values(outcomeVerbs));

export class XapiCourseRecorder {
  constructor(private readonly deps: XapiCourseRecorderDeps) {}

  attach(): void {
    this.deps.lrs.onStatementsStored((statements, by) => this.follow(statements, by));
  }

  /** Only statements a launch credential wrote, and only outcomes, can change the course's. */
  private async follow(statements: Statement[], by: Credential): Promise<void> {
    if (!statements.some((s) => outcomeVerbIds.has(s.verb.id))) return;
    const launch = await this.deps.store.findXapiLaunchByCredential(by.key);
    if (!launch) return;
    const pkg = await this.deps.store.findPackage(launch.packageId);
    const user = await this.deps.store.findUserById(launch.userId);
    if (!pkg || pkg.content.format !== "xapi" || !user) return;
    const content = pkg.content;
    const { lrs, lmsCredential } = this.deps;
    const verbs = xapiCourseOutcome(content, await this.deps.statementProgress.xapiActivities(launch.registration, content));
    if (verbs.length === 0) return;
    const actor = learnerAgent(user, this.deps.accountHomePage);
    const course = { id: content.identifier, title: Object.values(content.title)[0] ?? content.identifier };
    let recorded = false;
    for (const verb of verbs) {
      if (await this.recordedBefore(actor, xapiCourseVerbs[verb], xapiCourseActivityId(course.id), launch.registration)) continue;
      const scaled = verb === "passed" ? await this.bestScore(launch.registration, new Set(content.activities.map((a) => a.id))) : undefined;
      const statement = xapiCourseStatement({ actor, course, registration: launch.registration, verb, scaled, id: this.deps.newId(), timestamp: this.deps.clock().toISOString() });
      await lrs.storeStatements(statement, lmsCredential);
      recorded = true;
    }
    if (recorded) await this.deps.onCourseOutcome(user.id);
  }

  /** Whether the LMS itself already recorded this; content may have sent the same verb about the same id. */
  private async recordedBefore(agent: LearnerAgent, verb: string, activity: string, registration: string): Promise<boolean> {
    const { lrs, lmsCredential } = this.deps;
    let page = await lrs.queryStatements({ agent, verb, activity, registration, limit: 500 }, lmsCredential);
    for (;;) {
      if (page.statements.some((s) => isDeepStrictEqual(s.authority, lmsCredential.authority))) return true;
      if (!page.more) return false;
      page = await lrs.queryStatements({ more: page.more }, lmsCredential);
    }
  }

  /** The best scaled score of the registration's passed/failed statements about the package's activities (accepted through the launch guard). */
  private async bestScore(registration: string, activityIds: ReadonlySet<string>): Promise<number | undefined> {
    const scores: number[] = [];
    for (const verb of [outcomeVerbs.passed, outcomeVerbs.failed]) {
      const page = await this.deps.lrs.queryStatements({ registration, verb, limit: 500 }, this.deps.lmsCredential);
      for (const s of page.statements) {
        const scaled = s.result?.score?.scaled;
        if (typeof scaled === "number" && activityIds.has((s.object as { id?: string }).id ?? "")) scores.push(scaled);
      }
    }
    return scores.length ? Math.max(...scores) : undefined;
  }
}

