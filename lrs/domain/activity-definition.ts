// The LRS's canonical Activity definitions (xAPI-Communication.md 2.5): merged from the
// definitions in statements written by credentials allowed to define activities.
import type { Activity, ActivityDefinition, Statement, StatementObject } from "./xapi-types.js";

const LANGUAGE_MAPS = ["name", "description"] as const;

/**
 * A later definition refines an earlier one: language maps and extensions gain or replace
 * entries, every other property present in `incoming` replaces the stored one.
 */
export function mergeActivityDefinitions(existing: ActivityDefinition | undefined, incoming: ActivityDefinition): ActivityDefinition {
  if (existing === undefined) return incoming;
  const merged: ActivityDefinition = { ...existing, ...incoming };
  for (const key of LANGUAGE_MAPS) {
    if (existing[key] !== undefined && incoming[key] !== undefined) merged[key] = { ...existing[key], ...incoming[key] };
  }
  if (existing.extensions !== undefined && incoming.extensions !== undefined) merged.extensions = { ...existing.extensions, ...incoming.extensions };
  return merged;
}

/** Every activity that carries a definition in the statement. */
export function definedActivitiesOf(statement: Statement): Activity[] {
  return activitiesOf(statement).filter((activity) => activity.definition !== undefined);
}

/** Every activity in the statement: object, context activities, and the same inside a SubStatement. */
export function activitiesOf(statement: Statement): Activity[] {
  const found: Activity[] = [];
  const visit = (object: StatementObject, context: Statement["context"]) => {
    if (object.objectType === undefined || object.objectType === "Activity") found.push(object);
    const lists = context?.contextActivities;
    for (const list of [lists?.parent, lists?.grouping, lists?.category, lists?.other]) found.push(...(list ?? []));
  };
  visit(statement.object, statement.context);
  if (statement.object.objectType === "SubStatement") visit(statement.object.object, statement.object.context);
  return found;
}

/** The Activity object the Activities resource returns; an unknown id still gets an Activity (2.5.s2.b1). */
export function canonicalActivity(activityId: string, definition: ActivityDefinition | undefined): Activity {
  return definition === undefined ? { objectType: "Activity", id: activityId } : { objectType: "Activity", id: activityId, definition };
}
