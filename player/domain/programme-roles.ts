// Authors and trainers of an accredited programme earn the points the accreditation gives their
// role (Serbia, Sl. glasnik RS 42/2013: 30 for an author, 20 for a trainer). The LRS records
// learning, not authorship or teaching, so an admin (or a portal) records the role and the LMS
// writes it as a statement with its own authority; the engine reads only those statements.
import type { LearnerAgent } from "./cmi5-launch.js";

export type ProgrammeRole = "author" | "trainer";
export const programmeRoles: readonly ProgrammeRole[] = ["author", "trainer"];

/**
 * Registered verbs (Activity Streams 1.0 base schema, in the xAPI registry): "authored" for
 * the programme's author, "hosted" (hosting an event) for a trainer who delivered it.
 */
export const roleVerbs: Record<ProgrammeRole, string> = {
  author: "http://activitystrea.ms/schema/1.0/author",
  trainer: "http://activitystrea.ms/schema/1.0/host",
};
const roleVerbDisplay: Record<ProgrammeRole, string> = { author: "authored", trainer: "hosted" };

export function roleOfVerb(verbId: string): ProgrammeRole | undefined {
  return programmeRoles.find((role) => roleVerbs[role] === verbId);
}

/** One role in one delivery of a programme, as the admin or portal recorded it. */
export interface RoleRecord {
  role: ProgrammeRole;
  /** The policy's course id (the programme). */
  course: string;
  programme: string;
  /** The day of the delivery (or of the authored programme's accreditation), YYYY-MM-DD. */
  date: string;
  /** Groups the role's records of one delivery: a UUID, the statement's registration. */
  delivery: string;
}

/** The LMS's statement of a role; its timestamp is the delivery's day, so periods count it then. */
export function buildRoleStatement(input: { actor: LearnerAgent; record: RoleRecord; id: string }): Record<string, unknown> {
  const { record } = input;
  return {
    id: input.id,
    timestamp: `${record.date}T00:00:00.000Z`,
    actor: input.actor,
    verb: { id: roleVerbs[record.role], display: { "en-US": roleVerbDisplay[record.role] } },
    object: { objectType: "Activity", id: record.course, definition: { type: "http://adlnet.gov/expapi/activities/course", name: { und: record.programme } } },
    context: { registration: record.delivery },
  };
}
