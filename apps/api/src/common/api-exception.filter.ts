import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind, pgConstraint, pgErrorCode } from '@agrilink/core';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { languageOf, localizeBody } from './error-messages';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
}

/** What the filter reads off an unknown thrown value: every field may be missing or of any type. */
type ErrorLike = Partial<
  Record<'name' | 'message' | 'code' | 'status' | 'statusCode' | 'type' | 'expose' | 'stack', unknown>
>;

function asErrorLike(e: unknown): ErrorLike | undefined {
  return e !== null && typeof e === 'object' ? e : undefined;
}

function statusOf(kind: DomainErrorKind): number {
  switch (kind) {
    case 'validation':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'bad_request':
      return HttpStatus.BAD_REQUEST;
    case 'unauthorized':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'too_large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'rate_limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

// PostgreSQL SQLSTATEs that are the client's doing when they slip past the services.
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'DATABASE.UNIQUE_VIOLATION', message: 'a row with the same key already exists' },
  '23503': {
    status: 422,
    code: 'DATABASE.FOREIGN_KEY_VIOLATION',
    message: 'a referenced row does not exist or is still referenced',
  },
  '23514': {
    status: 409,
    code: 'DATABASE.CHECK_VIOLATION',
    message: 'the change breaks a rule of the data (e.g. more than remains)',
  },
  '22P02': { status: 400, code: 'DATABASE.INVALID_TEXT', message: 'a value has the wrong format' },
  // NUL and broken Unicode are refused before the services; these stay as the last line.
  '22021': {
    status: 400,
    code: 'REQUEST.INVALID_CHARACTER',
    message: 'a text value holds a character the database cannot store',
  },
  '22P05': {
    status: 400,
    code: 'REQUEST.INVALID_CHARACTER',
    message: 'a text value holds a character the database cannot store',
  },
  '22001': { status: 422, code: 'DATABASE.VALUE_TOO_LONG', message: 'a value is longer than its column allows' },
  '22023': {
    status: 422,
    code: 'DATABASE.INVALID_VALUE',
    message: 'a value is not acceptable (e.g. a geometry of the wrong kind)',
  },
  '22003': { status: 400, code: 'DATABASE.OUT_OF_RANGE', message: 'a number is out of range' },
  '22007': { status: 400, code: 'DATABASE.INVALID_DATE', message: 'a date is invalid' },
  '22008': { status: 400, code: 'DATABASE.INVALID_DATE', message: 'a date is out of range' },
  '40001': { status: 409, code: 'DATABASE.SERIALIZATION_FAILURE', message: 'a concurrent change won; retry' },
  '40P01': { status: 409, code: 'DATABASE.DEADLOCK', message: 'a concurrent change won; retry' },
};

/** One shape for every error: { statusCode, code, message, details }. Unknown errors are 500 with an id in the log. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const lang = languageOf(req.headers['accept-language']);
    const body = this.toBody(exception);
    if (res.headersSent) return;
    // A sign-in delay (429) says when to come back; the database (503) is back within seconds.
    const delay =
      exception instanceof DomainError
        ? (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds
        : undefined;
    if (typeof delay === 'number') res.setHeader('Retry-After', String(delay));
    if (body.statusCode === 503 && !res.getHeader('Retry-After'))
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_S));
    const retryAfter = Number(res.getHeader('Retry-After')) || undefined;
    res.setHeader('Content-Language', lang);
    res.vary('Accept-Language');
    res.status(body.statusCode).json(localizeBody({ ...body, retryAfter }, lang));
  }

  toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: statusOf(exception.kind),
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse();
      if (typeof r === 'string') return { statusCode: status, code: httpCode(status), message: r };
      const body = r as Partial<ApiErrorBody> & { message?: unknown };
      if (body.code) return { statusCode: status, ...(body as Omit<ApiErrorBody, 'statusCode'>) };
      const message = Array.isArray(body.message)
        ? body.message.join('; ')
        : typeof body.message === 'string'
          ? body.message
          : exception.message;
      return { statusCode: status, code: httpCode(status), message };
    }
    const err = asErrorLike(exception);
    const bodyError = bodyParserError(exception);
    if (bodyError) return bodyError;
    if (exception instanceof URIError) {
      // A lone surrogate or broken %-escape reached a decoder: the client's text, not our fault.
      return { statusCode: 400, code: 'REQUEST.INVALID_CHARACTER', message: 'a value is not valid Unicode text' };
    }
    if (isDatabaseUnavailable(exception)) {
      // The transaction did not commit: the client may retry. The pool replaces the dead connection.
      this.logger.warn(`Database unavailable: ${String(err?.message)}`);
      return {
        statusCode: 503,
        code: 'DATABASE.UNAVAILABLE',
        message: 'the database is unavailable for a moment; retry',
      };
    }
    if (exception instanceof QueryFailedError) {
      const sqlState = pgErrorCode(exception);
      if (sqlState === '23502') {
        // A required column set to null (e.g. `{"quantityKg": null}` in a PATCH): name the field as the API spells it.
        const column =
          (exception as QueryFailedError & { column?: string }).column ??
          /column "([^"]+)"/.exec(exception.message)?.[1] ??
          '';
        const field = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) || 'field';
        const message = `${field} is required and cannot be null`;
        return { statusCode: 422, code: 'VALIDATION.REQUIRED', message, details: [{ field, message }] };
      }
      const known = sqlState ? PG_CLIENT_ERRORS[sqlState] : undefined;
      if (known) {
        return {
          statusCode: known.status,
          code: known.code,
          message: known.message,
          details: { constraint: pgConstraint(exception) },
        };
      }
    }
    const errorId = randomUUID();
    this.logger.error(`Unhandled error ${errorId}: ${String(err?.stack ?? exception)}`);
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error', errorId };
  }
}

const DATABASE_RETRY_AFTER_S = 2;

// body-parser (and its zlib inflation) errors: http-errors with a `type`, or a zlib error wrapped with status 400.
const BODY_ERROR_TYPES: Record<string, { code: string; message?: string }> = {
  'entity.parse.failed': { code: 'REQUEST.INVALID_JSON', message: 'the body is not valid JSON' },
  'entity.too.large': { code: 'REQUEST.TOO_LARGE', message: 'request body is too large' },
  'entity.verify.failed': { code: 'REQUEST.INVALID' },
  'encoding.unsupported': { code: 'REQUEST.UNSUPPORTED_ENCODING' },
  'charset.unsupported': { code: 'REQUEST.UNSUPPORTED_CHARSET' },
  'request.aborted': { code: 'REQUEST.ABORTED', message: 'the request was aborted before its body arrived' },
  'request.size.invalid': { code: 'REQUEST.SIZE_MISMATCH', message: 'the body is not as long as Content-Length says' },
  'parameters.too.many': { code: 'REQUEST.TOO_MANY_PARAMETERS' },
};

export function bodyParserError(e: unknown): ApiErrorBody | null {
  const err = asErrorLike(e);
  if (!err || err instanceof HttpException || err instanceof DomainError) return null;
  const status =
    typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : undefined;
  if (
    typeof err.code === 'string' &&
    err.code.startsWith('Z_') &&
    (status === undefined || (status >= 400 && status < 500))
  ) {
    return {
      statusCode: 400,
      code: 'REQUEST.INVALID_ENCODING',
      message: `the body cannot be decoded as its Content-Encoding header says (${err.code})`,
    };
  }
  if (status === undefined || status < 400 || status >= 500) return null;
  const known = typeof err.type === 'string' ? BODY_ERROR_TYPES[err.type] : undefined;
  if (known) return { statusCode: status, code: known.code, message: known.message ?? String(err.message) };
  // Any other client error that http-errors marked safe to show (expose).
  if (err.expose === true || typeof err.type === 'string')
    return { statusCode: status, code: httpCode(status), message: String(err.message) };
  return null;
}

/**
 * Express error middleware right after the body parsers: Nest would turn a JSON SyntaxError into a
 * bare 400 and lose body-parser's `type`; here each parser error becomes its stable code first.
 */
export function bodyParserErrors(err: unknown, _req: unknown, _res: unknown, next: (e?: unknown) => void): void {
  const body = bodyParserError(err);
  next(body ? new HttpException({ code: body.code, message: body.message }, body.statusCode) : err);
}

function httpCode(status: number): string {
  switch (status) {
    case 400:
      return 'REQUEST.INVALID';
    case 401:
      return 'AUTH.UNAUTHENTICATED';
    case 403:
      return 'AUTH.FORBIDDEN';
    case 404:
      return 'ROUTE.NOT_FOUND';
    case 413:
      return 'REQUEST.TOO_LARGE';
    case 415:
      return 'REQUEST.UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'REQUEST.RATE_LIMITED';
    default:
      return `HTTP.${status}`;
  }
}

// Connection lost or refused, server shutting down (pg_terminate_backend: 57P01), too many connections.
const PG_UNAVAILABLE = /^(08|57P0[123]|53300|53400)/;
function isDatabaseUnavailable(e: unknown): boolean {
  const err = asErrorLike(e);
  // TypeORM releases a transaction's runner when its connection dies; the next query of that request says so.
  if (err?.name === 'QueryRunnerAlreadyReleasedError') return true;
  const code = pgErrorCode(e);
  if (code && PG_UNAVAILABLE.test(code)) return true;
  const message = typeof err?.message === 'string' ? err.message : '';
  if (
    typeof err?.code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTCONN)$/.test(err.code)
  )
    return true;
  return /Connection terminated|connection timeout|ECONNREFUSED|ECONNRESET|EPIPE|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|timeout exceeded when trying to connect|terminating connection/i.test(
    message,
  );
}
