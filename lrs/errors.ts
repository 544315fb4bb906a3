// Typed errors of the LRS. The core throws them; `statusOf` is the one table that
// turns a code into an HTTP status, used by the HTTP error mapper.

export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  STORE_FAILED: 500,
} as const;

export type LrsErrorCode = keyof typeof ERROR_STATUS;

export abstract class LrsError extends Error {
  abstract readonly code: LrsErrorCode;

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * Input that breaks the xAPI rules. `ValidationError.at(path, reason)` names the offending
 * field (`actor.mbox: must be a mailto: IRI`); `new ValidationError(message)` is for
 * guards whose rule has no single field.
 */
export class ValidationError extends LrsError {
  readonly code = "VALIDATION_FAILED";
  override readonly name = "ValidationError";
  readonly path: string | undefined;

  constructor(message: string, options?: ErrorOptions & { path?: string }) {
    super(message, options);
    this.path = options?.path;
  }

  static at(path: string, reason: string, options?: ErrorOptions): ValidationError {
    return new ValidationError(path ? `${path}: ${reason}` : reason, { ...options, path });
  }
}

export class UnauthorizedError extends LrsError {
  readonly code = "UNAUTHORIZED";
  override readonly name = "UnauthorizedError";
}

export class ForbiddenError extends LrsError {
  readonly code = "FORBIDDEN";
  override readonly name = "ForbiddenError";
}

export class NotFoundError extends LrsError {
  readonly code = "NOT_FOUND";
  override readonly name = "NotFoundError";
}

export class MethodNotAllowedError extends LrsError {
  readonly code = "METHOD_NOT_ALLOWED";
  override readonly name = "MethodNotAllowedError";
}

/** A statement id already holds a statement with different content. */
export class ConflictError extends LrsError {
  readonly code = "CONFLICT";
  override readonly name = "ConflictError";
}

/** An If-Match / If-None-Match precondition on a document does not hold. */
export class PreconditionFailedError extends LrsError {
  readonly code = "PRECONDITION_FAILED";
  override readonly name = "PreconditionFailedError";
}

export class PayloadTooLargeError extends LrsError {
  readonly code = "PAYLOAD_TOO_LARGE";
  override readonly name = "PayloadTooLargeError";
}

/** A storage driver failed; the driver error is kept as `cause` and never shown to clients. */
export class StoreError extends LrsError {
  readonly code = "STORE_FAILED";
  override readonly name = "StoreError";
}
