import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** One entry of `details` for a field the request got wrong (`location.lat`, `items[2].quantityKg`). */
export class ApiFieldError {
  @ApiProperty({ example: 'quantityKg' }) field: string;
  @ApiProperty({ example: 'quantityKg must be a whole number of kilograms' }) message: string;
}

/** The body of every error answer (ApiExceptionFilter): a stable code, a message in the caller's language. */
export class ApiErrorResponse {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION.FAILED', description: 'Stable code: clients branch on it, never on the message' })
  code: string;
  @ApiProperty({ description: 'Vietnamese by default, English with Accept-Language: en' }) message: string;
  @ApiPropertyOptional({
    description: 'The fields at fault (validation), or the facts of the refusal (e.g. { field, remainingKg })',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/ApiFieldError' } },
      { type: 'object', additionalProperties: true },
    ],
  })
  details?: ApiFieldError[] | Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Seconds to wait before retrying (also the Retry-After header), on 429 and 503' })
  retryAfter?: number;
  @ApiPropertyOptional({ description: 'Only on a 500: the id under which the error was logged' }) errorId?: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

const MEANING: Record<ErrorStatus, string> = {
  400: 'The request is malformed: VALIDATION.FAILED names the fields (details)',
  401: 'No valid access token (AUTH.UNAUTHENTICATED)',
  403: "The caller may not do this (AUTH.ROLE_NOT_ALLOWED, not the owner, or <ENTITY>.OUTSIDE_PROVINCES: a row outside a province staff member's provinces)",
  404: 'Not found (e.g. SUPPLY_LOT.NOT_FOUND)',
  409: 'Conflicts with the current state (e.g. a duplicate key or a status that does not allow it)',
  413: 'The body or upload is too large (REQUEST.TOO_LARGE)',
  422: 'Well-formed but breaks a rule of the domain (the code names it, details the field)',
  429: 'Too many requests: retry after Retry-After seconds (REQUEST.RATE_LIMITED)',
  503: 'The database is unavailable for a moment: retry after Retry-After seconds (DATABASE.UNAVAILABLE)',
};

/**
 * The domain errors a route answers, beyond those every route shares (400 for a malformed request,
 * 401 without a token, 403 outside its roles, 413 for a body, 429, 503), which the document adds from
 * the route's own decorators (see openapi.ts). A description names the codes: `{ 404: 'DEAL.NOT_FOUND' }`.
 */
export function ApiErrors(...errors: Array<ErrorStatus | Partial<Record<ErrorStatus, string>>>) {
  const decorators = errors.flatMap((e) =>
    typeof e === 'number'
      ? [errorResponse(e)]
      : Object.entries(e).map(([status, description]) => errorResponse(Number(status) as ErrorStatus, description)),
  );
  return applyDecorators(ApiExtraModels(ApiErrorResponse, ApiFieldError), ...decorators);
}

export function errorResponse(status: ErrorStatus, description?: string) {
  return ApiResponse({ status, description: description ?? MEANING[status], type: ApiErrorResponse });
}

export function errorResponseObject(status: ErrorStatus) {
  return {
    description: MEANING[status],
    content: { 'application/json': { schema: { $ref: getSchemaPath(ApiErrorResponse) } } },
  };
}
