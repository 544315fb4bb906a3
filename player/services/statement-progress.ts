// Progress the LMS reads back from the LRS: an xAPI package's activities and the recorded
// trainings of a registration ("watched" from played segments against the server's media length).
import type { Credential, Lrs, Statement, StatementQuery } from "../../lrs/index.js";
import type { XapiPackage } from "../domain/content-package.js";
import { type VideoWatching, computeVideoWatching, defaultWatchedThreshold } from "../domain/video-watching.js";
import { type XapiActivityProgress, outcomeVerbs, summarizeXapiActivities } from "../domain/xapi-progress.js";
import type { PlayerStore } from "../store/player-store.js";

export interface VideoProgress extends VideoWatching {
  activityId: string;
  /** Package path of the media file. */
  mediaPath: string;
  /** From the media file at import; undefined when the player could not read it. */
  lengthSeconds: number | undefined;
}

export class StatementProgress {
  constructor(private readonly deps: { store: PlayerStore; lrs: Lrs; lmsCredential: Credential }) {}

  async xapiActivities(registration: string, pkg: XapiPackage): Promise<XapiActivityProgress[]> {
    const outcomes: { verb: string; objectId: string }[] = [];
    for (const verb of Object.values(outcomeVerbs)) {
      for (const statement of await this.all({ registration, verb })) outcomes.push({ verb, objectId: objectIdOf(statement) });
    }
    return summarizeXapiActivities(pkg, outcomes);
  }

  /**
   * Every recorded training of the course, with what the registration watched, against the
   * threshold the package declared at import (the one statements carry is never trusted).
   */
  async videos(registration: string, courseId: string): Promise<VideoProgress[]> {
    const result: VideoProgress[] = [];
    for (const video of await this.deps.store.listCourseVideos(courseId)) {
      const statements = await this.all({ registration, activity: video.activityId });
      const watching = computeVideoWatching(
        statements
          .filter((s) => objectIdOf(s) === video.activityId)
          .map((s) => ({
            id: s.id ?? "",
            stored: s.stored ?? s.timestamp ?? "",
            timestamp: s.timestamp ?? "",
            verb: s.verb.id,
            resultExtensions: s.result?.extensions,
            contextExtensions: s.context?.extensions,
          })),
        video.durationSeconds,
        video.completionThreshold ?? defaultWatchedThreshold,
      );
      result.push({ activityId: video.activityId, mediaPath: video.mediaPath, lengthSeconds: video.durationSeconds, ...watching });
    }
    return result;
  }

  /** Every page of a query, oldest first. */
  private async all(query: StatementQuery): Promise<Statement[]> {
    const statements: Statement[] = [];
    let page = await this.deps.lrs.queryStatements({ ...query, ascending: true, limit: 500 }, this.deps.lmsCredential);
    statements.push(...page.statements);
    while (page.more) {
      page = await this.deps.lrs.queryStatements({ more: page.more }, this.deps.lmsCredential);
      statements.push(...page.statements);
    }
    return statements;
  }
}

function objectIdOf(statement: Statement): string {
  const object = statement.object as { id?: unknown };
  return typeof object.id === "string" ? object.id : "";
}
