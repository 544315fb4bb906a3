import { ValidationError } from "../../../lrs/index.js";
import { parseStatement } from "../../../lrs/domain/validate-statement.js";
import { checkStatementVersion } from "../../../lrs/domain/xapi-version.js";
import { expect } from "chai";
import { ACTIVITY, statement, uuid, VERBS } from "../support/fixtures.js";

function errorOf(value: unknown): ValidationError {
  try {
    parseStatement(value);
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

const activityObject = { id: ACTIVITY };

// [case, statement, expected message]
const invalid: [string, unknown, string][] = [
  ["not an object", "hello", "must be an object"],
  ["unknown top-level property", statement({ verbose: true }), "verbose: is not allowed here"],
  ["missing actor", { verb: { id: VERBS.completed }, object: activityObject }, "actor: is required"],
  ["id not a UUID", statement({ id: "123" }), "id: must be a UUID"],
  ["mbox without mailto:", statement({ actor: { mbox: "ana@example.org" } }), "actor.mbox: must be a mailto: IRI"],
  ["agent with two IFIs", statement({ actor: { mbox: "mailto:a@b.org", openid: "https://id.example/a" } }), "actor: must have only one of"],
  ["agent without IFI", statement({ actor: { name: "Ana" } }), "actor: must have one of"],
  ["mbox_sha1sum not hex", statement({ actor: { mbox_sha1sum: "xyz" } }), "actor.mbox_sha1sum: must be 40 hexadecimal characters"],
  ["account homePage not an IRI", statement({ actor: { account: { homePage: "obuka", name: "a" } } }), "actor.account.homePage: must be an absolute IRI"],
  ["anonymous group without members", statement({ actor: { objectType: "Group" } }), "actor.member: an anonymous Group must list at least one member"],
  ["group member is a group", statement({ actor: { objectType: "Group", member: [{ objectType: "Group", mbox: "mailto:g@x.org" }] } }), 'actor.member[0].objectType: must be "Agent"'],
  ["verb id not an IRI", statement({ verb: { id: "completed" } }), "verb.id: must be an absolute IRI"],
  ["verb display not a language map", statement({ verb: { id: VERBS.completed, display: { "en US": "x" } } }), "verb.display.en US: must be an RFC 5646 language tag"],
  ["activity without id", statement({ object: { objectType: "Activity" } }), "object.id: is required"],
  ["activity name not a language map", statement({ object: { id: ACTIVITY, definition: { name: "Unit" } } }), "object.definition.name: must be an object"],
  ["unknown object type", statement({ object: { objectType: "Thing", id: ACTIVITY } }), "object.objectType: must be"],
  ["statement ref without UUID", statement({ object: { objectType: "StatementRef", id: "x" } }), "object.id: must be a UUID"],
  [
    "nested sub-statement",
    statement({
      object: {
        objectType: "SubStatement",
        actor: { mbox: "mailto:a@b.org" },
        verb: { id: VERBS.completed },
        object: { objectType: "SubStatement", actor: { mbox: "mailto:a@b.org" }, verb: { id: VERBS.completed }, object: activityObject },
      },
    }),
    "object.object.objectType: a SubStatement cannot contain a SubStatement",
  ],
  ["sub-statement with id", statement({ object: { objectType: "SubStatement", id: uuid(1), actor: { mbox: "mailto:a@b.org" }, verb: { id: VERBS.completed }, object: activityObject } }), "object.id: is not allowed here"],
  ["scaled score above 1", statement({ result: { score: { scaled: 1.5 } } }), "result.score.scaled: must be between -1 and 1"],
  ["raw above max", statement({ result: { score: { raw: 11, min: 0, max: 10 } } }), "result.score.raw: must not exceed max"],
  ["success not boolean", statement({ result: { success: "yes" } }), "result.success: must be a boolean"],
  ["duration not ISO 8601", statement({ result: { duration: "10 minutes" } }), "result.duration: must be an ISO 8601 duration"],
  ["registration not a UUID", statement({ context: { registration: "r1" } }), "context.registration: must be a UUID"],
  ["context activity without IRI", statement({ context: { contextActivities: { parent: [{ id: "unit" }] } } }), "context.contextActivities.parent[0].id: must be an absolute IRI"],
  ["unknown context activity kind", statement({ context: { contextActivities: { sibling: [activityObject] } } }), "context.contextActivities.sibling: is not allowed here"],
  ["revision when the object is an agent", statement({ object: { objectType: "Agent", mbox: "mailto:b@x.org" }, context: { revision: "2" } }), "context.revision: is only allowed when the object is an Activity"],
  ["extension key not an IRI", statement({ context: { extensions: { score: 1 } } }), "context.extensions.score: must be an absolute IRI"],
  ["language not a tag", statement({ context: { language: "english language" } }), "context.language: must be an RFC 5646 language tag"],
  ["timestamp on a day that does not exist", statement({ timestamp: "2023-02-29T10:00:00Z" }), "timestamp: must be an ISO 8601 timestamp"],
  ["timestamp with -00:00", statement({ timestamp: "2024-01-01T10:00:00-00:00" }), "timestamp: must be an ISO 8601 timestamp"],
  ["voiding statement without StatementRef", statement({ verb: { id: VERBS.voided } }), "object.objectType: a voiding statement's object must be a \"StatementRef\""],
  ["attachment without sha2", statement({ attachments: [{ usageType: "https://example.org/essay", display: { en: "Essay" }, contentType: "text/plain", length: 1 }] }), "attachments[0].sha2: is required"],
  ["attachment with a negative length", statement({ attachments: [{ usageType: "https://example.org/essay", display: { en: "Essay" }, contentType: "text/plain", length: -1, sha2: "ab".repeat(32) }] }), "attachments[0].length: must be a non-negative integer"],
  ["attachment sha2 not SHA-2 hex", statement({ attachments: [{ usageType: "https://example.org/essay", display: { en: "Essay" }, contentType: "text/plain", length: 1, sha2: "abc" }] }), "attachments[0].sha2: must be a hex SHA-2 hash"],
  ["version 3", statement({ version: "3.0.0" }), "version: must be a 1.0.x or 2.0.x version"],
];

describe("parseStatement", () => {
  for (const [name, value, message] of invalid) {
    it(`rejects ${name}, naming the field`, () => {
      expect(errorOf(value).message).to.include(message);
    });
  }

  it("accepts a timestamp without a time zone, which xAPI 2.0 alone refuses", () => {
    const parsed = parseStatement(statement({ timestamp: "2024-01-01T10:00:00" }));
    expect(() => checkStatementVersion(parsed, "1.0.3", "")).not.to.throw();
    expect(() => checkStatementVersion(parsed, "2.0.0", "")).to.throw(ValidationError, "timestamp: must include a time zone");
  });

  it("accepts a full statement and normalizes a single context activity to an array", () => {
    const parsed = parseStatement(
      statement({
        id: uuid(1),
        actor: { objectType: "Group", name: "Team", member: [{ mbox: "mailto:a@b.org" }, { account: { homePage: "https://x.org", name: "b" } }] },
        result: { score: { scaled: 0.5, raw: 5, min: 0, max: 10 }, success: true, completion: true, duration: "PT1H30M", response: "ok" },
        context: {
          registration: uuid(2),
          contextActivities: { parent: { id: "https://example.org/course" } },
          revision: "1",
          platform: "obuka",
          language: "sr-Latn-RS",
          statement: { objectType: "StatementRef", id: uuid(3) },
          extensions: { "https://example.org/ext": { any: ["json"] } },
        },
        timestamp: "2024-01-01T10:00:00.123+02:00",
        version: "1.0.3",
      }),
    );
    expect(parsed.context?.contextActivities?.parent).to.deep.equal([{ id: "https://example.org/course" }]);
  });

  it("does not mutate the caller's object", () => {
    const input = statement({ context: { contextActivities: { parent: { id: "https://example.org/course" } } } });
    parseStatement(input);
    expect((input["context"] as { contextActivities: { parent: unknown } }).contextActivities.parent).to.deep.equal({ id: "https://example.org/course" });
  });
});
