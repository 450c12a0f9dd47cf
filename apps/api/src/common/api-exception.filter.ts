import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@agrilink/core';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { Language, localizedMessage, preferredLanguage } from './error-messages';

export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  errorId?: string;
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
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

// PostgreSQL SQLSTATEs that are the client's doing when they slip past the services.
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  '23505': { status: 409, code: 'DATABASE.UNIQUE_VIOLATION', message: 'a row with the same key already exists' },
  '23503': { status: 422, code: 'DATABASE.FOREIGN_KEY_VIOLATION', message: 'a referenced row does not exist or is still referenced' },
  '23514': { status: 409, code: 'DATABASE.CHECK_VIOLATION', message: 'the change breaks a rule of the data (e.g. more than remains)' },
  '22P02': { status: 400, code: 'DATABASE.INVALID_TEXT', message: 'a value has the wrong format' },
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
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<{ headers?: Record<string, string | string[] | undefined> }>();
    const acceptLanguage = req?.headers?.['accept-language'];
    const body = this.toBody(exception, preferredLanguage(Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage));
    if (res.headersSent) return;
    if (body.statusCode === 503) res.setHeader('Retry-After', '1');
    const retryAfter = exception instanceof DomainError ? (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown, lang: Language | null = null): ApiErrorBody {
    if (exception instanceof DomainError) {
      const message = localizedMessage(exception.code, exception.details, lang) ?? exception.message;
      return { statusCode: statusOf(exception.kind), code: exception.code, message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const r = exception.getResponse() as any;
      if (r && typeof r === 'object' && r.code) return { statusCode: status, ...r };
      const message = typeof r === 'string' ? r : Array.isArray(r?.message) ? r.message.join('; ') : r?.message ?? exception.message;
      return { statusCode: status, code: httpCode(status), message };
    }
    const err = exception as any;
    // body-parser errors (bad JSON, payload too large) carry their own status.
    if (err && typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.type) {
      const code = err.type === 'entity.too.large' ? 'REQUEST.TOO_LARGE' : err.type === 'entity.parse.failed' ? 'REQUEST.INVALID_JSON' : 'REQUEST.INVALID';
      return { statusCode: err.status, code, message: err.type === 'entity.too.large' ? 'request body is too large' : err.message };
    }
    if (isDatabaseUnavailable(err)) {
      // The transaction did not commit: the client may retry. The pool replaces the dead connection.
      this.logger.warn(`Database unavailable: ${err?.message}`);
      return { statusCode: 503, code: 'DATABASE.UNAVAILABLE', message: 'the database is unavailable for a moment; retry' };
    }
    if (exception instanceof QueryFailedError) {
      const sqlState = (exception as any).code as string | undefined;
      const known = sqlState ? PG_CLIENT_ERRORS[sqlState] : undefined;
      if (known) {
        return { statusCode: known.status, code: known.code, message: known.message, details: { constraint: (exception as any).constraint } };
      }
    }
    const errorId = randomUUID();
    this.logger.error(`Unhandled error ${errorId}: ${err?.stack ?? err}`);
    return { statusCode: 500, code: 'INTERNAL', message: 'internal error', errorId };
  }
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
    case 429:
      return 'REQUEST.RATE_LIMITED';
    default:
      return `HTTP.${status}`;
  }
}

// Connection lost or refused, server shutting down (pg_terminate_backend: 57P01), too many connections.
const PG_UNAVAILABLE = /^(08|57P0[123]|53300)/;
function isDatabaseUnavailable(err: any): boolean {
  // TypeORM releases a transaction's runner when its connection dies; the next query of that request says so.
  if (err?.name === 'QueryRunnerAlreadyReleasedError') return true;
  const code = err?.code ?? err?.driverError?.code;
  if (typeof code === 'string' && PG_UNAVAILABLE.test(code)) return true;
  const message = String(err?.message ?? '');
  return /Connection terminated|connection timeout|ECONNREFUSED|ECONNRESET|Client has encountered a connection error/i.test(message);
}
