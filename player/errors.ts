/** Errors of the player area. Each has a stable `code`; `playerErrorStatus` maps it to HTTP. */
export class PlayerError extends Error {
  constructor(
    readonly code: PlayerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type PlayerErrorCode =
  | "validation_failed"
  | "invalid_package"
  | "unauthenticated"
  | "forbidden"
  | "csrf_failed"
  | "not_found"
  | "conflict"
  | "store_failed";

export class ValidationError extends PlayerError {
  constructor(readonly field: string, problem: string) {
    super("validation_failed", `${field}: ${problem}`);
  }
}

/** A package that cannot be imported: a broken zip, an unsafe entry or a bad cmi5.xml. */
export class InvalidPackageError extends PlayerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("invalid_package", message, options);
  }
}

export class UnauthenticatedError extends PlayerError {
  constructor(message = "Prijavite se da biste nastavili.") {
    super("unauthenticated", message);
  }
}

export class ForbiddenError extends PlayerError {
  constructor(message = "Nemate pravo pristupa ovoj stranici.") {
    super("forbidden", message);
  }
}

export class CsrfError extends PlayerError {
  constructor() {
    super("csrf_failed", "The form expired or did not come from this site (CSRF token missing or wrong). Reload the page and try again.");
  }
}

export class NotFoundError extends PlayerError {
  constructor(what: string) {
    super("not_found", `${what} not found`);
  }
}

export class ConflictError extends PlayerError {
  constructor(message: string) {
    super("conflict", message);
  }
}

/** A storage failure; the driver's error is kept as `cause` and never shown to users. */
export class StoreError extends PlayerError {
  constructor(operation: string, cause: unknown) {
    super("store_failed", `player store: ${operation} failed`, { cause });
  }
}

const statusByCode: Record<PlayerErrorCode, number> = {
  validation_failed: 400,
  invalid_package: 400,
  unauthenticated: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  store_failed: 500,
};

export function playerErrorStatus(error: PlayerError): number {
  return statusByCode[error.code];
}
