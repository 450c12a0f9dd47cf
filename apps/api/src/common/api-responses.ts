import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const CSV = 'text/csv';

const BINARY = { type: 'string', format: 'binary' } as const;

/** A 200 that is a file (a spreadsheet, a PDF, an image), declared by its content types. */
export function ApiFileOkResponse(description: string, ...contentTypes: string[]) {
  return ApiOkResponse({ description, content: Object.fromEntries(contentTypes.map((t) => [t, { schema: BINARY }])) });
}

/** A 200 that is JSON by default and a file of one of `fileTypes` when the query asks for one. */
export function ApiJsonOrFileOkResponse(type: Type<unknown>, description: string, ...fileTypes: string[]) {
  return applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        ...Object.fromEntries(fileTypes.map((t) => [t, { schema: BINARY }])),
      },
    }),
  );
}
