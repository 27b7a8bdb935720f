/**
 * Expected failures, named for what went wrong in the registry, not for how a protocol answers them: `core/` and
 * `db/` throw these, and the API maps each kind to its status in one place (api/errors.ts). Anything else thrown
 * is a bug.
 */
export const ERROR_KINDS = ['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, details?: unknown) =>
  new DomainError('invalid', 'invalid_input', message, details);
export const unauthorized = (message = 'A valid personal token is required.') =>
  new DomainError('unauthorized', 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this.') =>
  new DomainError('forbidden', 'forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', 'not_found', `${what} not found.`);
export const conflict = (message: string, details?: unknown) =>
  new DomainError('conflict', 'conflict', message, details);
