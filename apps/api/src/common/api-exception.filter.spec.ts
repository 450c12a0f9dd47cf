import { BadRequestException } from '@nestjs/common';
import { DomainError } from '@agrilink/core';
import { QueryFailedError } from 'typeorm';
import { ApiExceptionFilter, bodyParserError } from './api-exception.filter';

function queryError(code: string, extra: Record<string, unknown> = {}): QueryFailedError {
  const driverError = Object.assign(new Error(`pg error ${code}`), { code, ...extra });
  return Object.assign(new QueryFailedError('SELECT 1', [], driverError), { code, ...extra });
}

describe('ApiExceptionFilter', () => {
  const sut = new ApiExceptionFilter();

  it('answers an unknown error 500 with an error id and nothing of the error itself', () => {
    const body = sut.toBody(new Error('password=hunter2 at /srv/app/secret.ts:12'));
    expect(body).toMatchObject({ statusCode: 500, code: 'INTERNAL', message: 'internal error' });
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|secret\.ts/);
  });

  it.each([
    [
      'a domain validation error',
      DomainError.invalid('ZONE.INVALID_POLYGON', 'polygon', 'bad ring'),
      422,
      'ZONE.INVALID_POLYGON',
    ],
    [
      'a null in a NOT NULL column, field named as the API spells it',
      queryError('23502', { column: 'quantity_kg' }),
      422,
      'VALIDATION.REQUIRED',
    ],
    ['a NUL that reached PostgreSQL', queryError('22021'), 400, 'REQUEST.INVALID_CHARACTER'],
    ['a geometry of the wrong kind', queryError('22023'), 422, 'DATABASE.INVALID_VALUE'],
    ['a terminated connection', queryError('57P01'), 503, 'DATABASE.UNAVAILABLE'],
    ['a closed client', new Error('Client was closed and is not queryable'), 503, 'DATABASE.UNAVAILABLE'],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      503,
      'DATABASE.UNAVAILABLE',
    ],
    ['a URIError from a decoder', new URIError('URI malformed'), 400, 'REQUEST.INVALID_CHARACTER'],
    [
      'a coded HttpException',
      new BadRequestException({ code: 'REQUEST.TOO_DEEP', message: 'x' }),
      400,
      'REQUEST.TOO_DEEP',
    ],
  ])('maps %s', (_label, error, status, code) => {
    expect(sut.toBody(error)).toMatchObject({ statusCode: status, code });
  });

  it('names the field of a null required column', () => {
    expect(sut.toBody(queryError('23502', { column: 'harvest_from' })).details).toEqual([
      { field: 'harvestFrom', message: 'harvestFrom is required and cannot be null' },
    ]);
  });
});

describe('bodyParserError', () => {
  it.each([
    [{ status: 400, type: 'entity.parse.failed', message: 'Unexpected token' }, 400, 'REQUEST.INVALID_JSON'],
    [{ status: 413, type: 'entity.too.large', message: 'too large' }, 413, 'REQUEST.TOO_LARGE'],
    [
      { status: 415, type: 'encoding.unsupported', message: 'unsupported content encoding "x"' },
      415,
      'REQUEST.UNSUPPORTED_ENCODING',
    ],
    [
      { status: 415, type: 'charset.unsupported', message: 'unsupported charset "X"' },
      415,
      'REQUEST.UNSUPPORTED_CHARSET',
    ],
    [{ status: 400, type: 'request.aborted', message: 'aborted' }, 400, 'REQUEST.ABORTED'],
    [{ status: 413, type: 'parameters.too.many', message: 'too many parameters' }, 413, 'REQUEST.TOO_MANY_PARAMETERS'],
    [{ status: 400, code: 'Z_DATA_ERROR', message: 'Bad Request' }, 400, 'REQUEST.INVALID_ENCODING'],
    [{ status: 400, code: 'Z_BUF_ERROR', message: 'Bad Request' }, 400, 'REQUEST.INVALID_ENCODING'],
  ])('maps %p', (err, status, code) => {
    expect(bodyParserError(Object.assign(new Error(err.message), err))).toMatchObject({ statusCode: status, code });
  });

  it('leaves server errors alone', () => {
    expect(bodyParserError(new Error('boom'))).toBeNull();
    expect(bodyParserError(Object.assign(new Error('x'), { status: 500, type: 'stream.encoding.set' }))).toBeNull();
  });
});
