// Records that a professional authored a programme or trained in one of its deliveries: the
// LMS writes the role to the LRS with its own authority (voidable like any statement), and the
// credit engine awards the role's points from that statement (domain/programme-roles.ts).
import type { Credential, Lrs } from "../../lrs/index.js";
import type { CreditPolicy } from "../domain/credit-policy.js";
import { dayOf } from "../domain/licence-period.js";
import { type ProgrammeRole, buildRoleStatement } from "../domain/programme-roles.js";
import { NotFoundError, ValidationError } from "../errors.js";
import type { PlayerStore } from "../store/player-store.js";
import { learnerAgent } from "./learner-agent.js";

export interface ProgrammeRoleServiceDeps {
  store: PlayerStore;
  lrs: Lrs;
  lmsCredential: Credential;
  policy: CreditPolicy;
  accountHomePage: string;
  newId: () => string;
  clock: () => Date;
  /** Recomputes the professional's credits at once, so the role's certificate is issued. */
  onRoleRecorded: (userId: string) => Promise<void>;
}

/** A role as the API received it, already typed (http/programme-roles-router.ts parses it). */
export interface RoleRequest {
  role: ProgrammeRole;
  course: string;
  date: string;
  delivery: string | undefined;
}

export interface RecordedRole {
  statementId: string;
  username: string;
  role: ProgrammeRole;
  course: string;
  date: string;
  delivery: string;
  points: number;
}

export class ProgrammeRoleService {
  constructor(private readonly deps: ProgrammeRoleServiceDeps) {}

  /** `recordedBy`: who asked (a user id or `api-key:<id>`), for the audit log. */
  async record(username: string, request: RoleRequest, recordedBy: string): Promise<RecordedRole> {
    const { store, lrs, lmsCredential, policy, clock } = this.deps;
    const course = policy.courses.find((c) => c.course === request.course);
    if (!course) throw new ValidationError("course", "is not a programme of the credit policy");
    const points = course.pointsByRole[request.role];
    if (points === undefined) throw new ValidationError("role", `the programme's accreditation gives no points to a ${request.role}`);
    const now = clock().toISOString();
    if (request.date > dayOf(now)) throw new ValidationError("date", "must not be in the future");
    const user = await store.findUserByUsername(username);
    if (!user) throw new NotFoundError("user");

    const delivery = request.delivery ?? this.deps.newId();
    const statementId = this.deps.newId();
    const record = { role: request.role, course: course.course, programme: course.programme, date: request.date, delivery };
    await lrs.storeStatements(buildRoleStatement({ actor: learnerAgent(user, this.deps.accountHomePage), record, id: statementId }), lmsCredential);
    await store.recordAudit({ at: now, actor: recordedBy, action: "record-programme-role", subject: `${user.username} ${request.role} ${course.course} ${request.date}`, outcome: statementId });
    await this.deps.onRoleRecorded(user.id);
    return { statementId, username: user.username, role: request.role, course: course.course, date: request.date, delivery, points };
  }
}
