// xAPI wire types, mirroring the spec's names (xAPI-Data.md part two). They follow
// @xapi/xapi's shapes, so its Agent and ours are interchangeable, but fix what it gets
// wrong for an LRS: `score.scaled` is optional and `version` may be 2.0.x.

export type LanguageMap = Record<string, string>;
export type Extensions = Record<string, unknown>;

export interface Account {
  homePage: string;
  name: string;
}

export interface InverseFunctionalIdentifier {
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: Account;
}

export interface Agent extends InverseFunctionalIdentifier {
  objectType?: "Agent";
  name?: string;
}

export interface Group extends InverseFunctionalIdentifier {
  objectType: "Group";
  name?: string;
  member?: Agent[];
}

export type Actor = Agent | Group;

export interface Verb {
  id: string;
  display?: LanguageMap;
}

export interface InteractionComponent {
  id: string;
  description?: LanguageMap;
}

export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  type?: string;
  moreInfo?: string;
  extensions?: Extensions;
  interactionType?: string;
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  scale?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
  steps?: InteractionComponent[];
}

export interface Activity {
  objectType?: "Activity";
  id: string;
  definition?: ActivityDefinition;
}

export interface StatementRef {
  objectType: "StatementRef";
  id: string;
}

export interface AgentObject extends InverseFunctionalIdentifier {
  objectType: "Agent";
  name?: string;
}

export interface SubStatement {
  objectType: "SubStatement";
  actor: Actor;
  verb: Verb;
  object: Activity | AgentObject | Group | StatementRef;
  result?: Result;
  context?: Context;
  timestamp?: string;
  attachments?: Attachment[];
}

export type StatementObject = Activity | AgentObject | Group | StatementRef | SubStatement;

export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Extensions;
}

/** Stored statements always hold arrays here; a single activity on input is normalized. */
export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

/** xAPI 2.0 */
export interface ContextAgent {
  objectType: "contextAgent";
  agent: Agent;
  relevantTypes?: string[];
}

/** xAPI 2.0 */
export interface ContextGroup {
  objectType: "contextGroup";
  group: Group;
  relevantTypes?: string[];
}

export interface Context {
  registration?: string;
  instructor?: Actor;
  team?: Group;
  contextActivities?: ContextActivities;
  contextAgents?: ContextAgent[];
  contextGroups?: ContextGroup[];
  revision?: string;
  platform?: string;
  language?: string;
  statement?: StatementRef;
  extensions?: Extensions;
}

/** xAPI-Data.md 2.4.11: the raw data travels as a multipart part named by `sha2`, or at `fileUrl`. */
export interface Attachment {
  usageType: string;
  display: LanguageMap;
  description?: LanguageMap;
  contentType: string;
  length: number;
  sha2: string;
  fileUrl?: string;
}

export interface Statement {
  id?: string;
  actor: Actor;
  verb: Verb;
  object: StatementObject;
  result?: Result;
  context?: Context;
  timestamp?: string;
  stored?: string;
  authority?: Actor;
  version?: string;
  attachments?: Attachment[];
}

/** A statement after the LRS filled in its defaults. */
export type StoredStatement = Statement & { id: string; stored: string; timestamp: string; authority: Actor; version: string };

export const VOIDED_VERB = "http://adlnet.gov/expapi/verbs/voided";
