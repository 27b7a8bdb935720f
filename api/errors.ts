/**
 * Where an expected failure becomes an HTTP status: the one table from the registry's error kinds to statuses,
 * and the failures only HTTP knows (a body too large or of the wrong type, too many requests). The JSON API, SCIM
 * and the web pages all read their status here.
 */
import { DomainError, type ErrorKind } from '../core/errors.ts';

const STATUS_OF_KIND: Record<ErrorKind, 400 | 401 | 403 | 404 | 409> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/** A failure of the request as an HTTP exchange, which the registry itself never raises. */
export class HttpError extends Error {
  constructor(
    readonly status: 413 | 415 | 429,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const payloadTooLarge = (message: string) => new HttpError(413, 'payload_too_large', message);
export const unsupportedMediaType = (message: string) => new HttpError(415, 'unsupported_media_type', message);
/** `retryAfter`: seconds until the caller may try again; answered in the body and the Retry-After header. */
export const rateLimited = (message: string, retryAfter: number) =>
  new HttpError(429, 'rate_limited', message, { retryAfter });

export type ExpectedError = DomainError | HttpError;

export const isExpected = (err: unknown): err is ExpectedError =>
  err instanceof DomainError || err instanceof HttpError;
export const isRateLimited = (err: unknown): err is HttpError => err instanceof HttpError && err.status === 429;

export const statusOf = (err: ExpectedError) => (err instanceof HttpError ? err.status : STATUS_OF_KIND[err.kind]);
