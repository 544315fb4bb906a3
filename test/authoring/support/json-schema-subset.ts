// A small JSON Schema (draft-07) validator for the subset our schemas use: type, enum,
// properties, required, additionalProperties, propertyNames, minProperties, items,
// minItems, minLength, pattern, minimum, maximum, exclusiveMinimum, oneOf, $ref to
// #/definitions. It throws on any other keyword, so the schema cannot outgrow the test.
type Schema = Record<string, unknown>;

const known = new Set(["$schema", "$id", "title", "description", "default", "type", "enum", "properties", "required", "additionalProperties", "propertyNames", "minProperties", "items", "minItems", "minLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "oneOf", "$ref", "definitions"]);

export function validateAgainstSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(root, root, value, "$", errors);
  return errors;
}

function check(root: Schema, schema: Schema, value: unknown, at: string, errors: string[]): void {
  for (const key of Object.keys(schema)) if (!known.has(key)) throw new Error(`schema keyword ${key} at ${at} is outside the tested subset`);
  if (typeof schema.$ref === "string") {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? (root.definitions as Record<string, Schema> | undefined)?.[name] : undefined;
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    check(root, target, value, at, errors);
  }
  if (schema.type !== undefined && !hasType(value, schema.type as string)) {
    errors.push(`${at}: must be ${schema.type as string}`);
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: must be one of ${schema.enum.join(", ")}`);
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((option) => validateSub(root, option as Schema, value, at).length === 0).length;
    if (matching !== 1) errors.push(`${at}: must match exactly one alternative (matched ${matching})`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength) errors.push(`${at}: too short`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) errors.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) errors.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) errors.push(`${at}: above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) errors.push(`${at}: must exceed ${schema.exclusiveMinimum}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) errors.push(`${at}: needs ${schema.minItems} items`);
    if (schema.items) value.forEach((item, i) => check(root, schema.items as Schema, item, `${at}[${i}]`, errors));
  }
  if (isObject(value)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in value)) errors.push(`${at}: ${name} is required`);
    if (typeof schema.minProperties === "number" && Object.keys(value).length < schema.minProperties) errors.push(`${at}: needs ${schema.minProperties} properties`);
    for (const [name, item] of Object.entries(value)) {
      if (schema.propertyNames) check(root, schema.propertyNames as Schema, name, `${at}{${name}}`, errors);
      if (properties[name]) check(root, properties[name], item, `${at}.${name}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${at}: unknown property ${name}`);
      else if (isObject(schema.additionalProperties)) check(root, schema.additionalProperties, item, `${at}.${name}`, errors);
    }
  }
}

function validateSub(root: Schema, schema: Schema, value: unknown, at: string): string[] {
  const errors: string[] = [];
  check(root, schema, value, at, errors);
  return errors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      throw new Error(`type ${type} is outside the tested subset`);
  }
}
