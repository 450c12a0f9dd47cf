import {
  ArgumentsHost,
  Body,
  Catch,
  ExceptionFilter,
  Get,
  HttpCode,
  Injectable,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiConsumes,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@agrilink/config';
import { Actor, DomainError, fileTooLarge, ImportsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiFileOkResponse, ApiJsonOrFileOkResponse, CSV, XLSX } from '../common/api-responses';
import { CreateImportDto, ImportErrorsQueryDto, ImportRowErrorsDto, ImportViewDto } from './import.dto';
import { ApiErrors } from '../common/api-errors';
import { ApiController, IdParam, Route } from '../common/routes';

interface UploadedSpreadsheet {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** Multer's size limit (set from IMPORT_MAX_FILE_BYTES in ImportsApiModule) surfaces as 413; give it the import's own code. */
@Injectable()
@Catch(PayloadTooLargeException)
class ImportTooLargeFilter implements ExceptionFilter {
  constructor(private readonly config: AppConfig) {}
  catch(_e: PayloadTooLargeException, host: ArgumentsHost) {
    const e = fileTooLarge(this.config.importLimits.maxFileBytes);
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(413)
      .json({ statusCode: 413, code: e.code, message: e.message, details: e.details });
  }
}

@ApiController('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  @ApiOperation({ summary: 'Upload a spreadsheet to import (checked, then written in the background)' })
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiAcceptedResponse({ type: ImportViewDto, description: 'stored and queued; poll GET /imports/:id' })
  @ApiPayloadTooLargeResponse({
    description:
      'IMPORT.FILE_TOO_LARGE, or an .xlsx whose zip directory declares more than IMPORT_MAX_UNCOMPRESSED_BYTES inflated (IMPORT.UNCOMPRESSED_TOO_LARGE)',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'IMPORT.ZIP_BOMB (declared compression ratio), IMPORT.WRONG_HEADERS, IMPORT.EMPTY_FILE, IMPORT.UNREADABLE_FILE, IMPORT.CELL_TOO_LONG',
  })
  @UseFilters(ImportTooLargeFilter)
  @UseInterceptors(FileInterceptor('file'))
  async create(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedSpreadsheet | undefined,
    @Body() dto: CreateImportDto,
  ) {
    if (!file) {
      throw new DomainError(
        'bad_request',
        'IMPORT.FILE_REQUIRED',
        'file is required: an .xlsx or .csv spreadsheet in the multipart field "file"',
        [{ field: 'file', message: 'file is required' }],
      );
    }
    // Multer decodes the file name as latin1; Vietnamese names need UTF-8.
    const fileName = Buffer.from(file.originalname || 'upload', 'latin1').toString('utf8');
    const view = await this.imports.upload(actor, { fileName, content: file.buffer, kind: dto.kind, mode: dto.mode });
    return view;
  }

  @Roles('admin', 'staff', 'cooperative')
  @Get('templates/:kind')
  @ApiOperation({ summary: 'The spreadsheet template of one import kind' })
  @ApiFileOkResponse('The template workbook', XLSX)
  @ApiErrors({ 404: 'IMPORT_TEMPLATE.NOT_FOUND' })
  async template(@Param('kind') kind: string, @Res() res: Response) {
    const t = await this.imports.template(kind);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${t.fileName}"`);
    res.send(t.body);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff', 'cooperative'],
    summary: 'One import with its progress and counts',
    ok: ImportViewDto,
    errors: { 404: 'IMPORT.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.imports.get(actor, id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Get(':id/errors')
  @ApiOperation({ summary: 'The rows an import refused, as JSON, CSV or a workbook' })
  @ApiJsonOrFileOkResponse(ImportRowErrorsDto, 'JSON by default; format=csv or xlsx answers a file', CSV, XLSX)
  @ApiErrors({ 404: 'IMPORT.NOT_FOUND' })
  async errors(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Query() q: ImportErrorsQueryDto,
    @Res() res: Response,
  ) {
    if (q.format === 'csv' || q.format === 'xlsx') {
      const f = await this.imports.rowErrorsFile(actor, id, q.format);
      res.setHeader('Content-Type', f.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${f.fileName}"`);
      res.send(f.body);
      return;
    }
    res.json(await this.imports.rowErrors(actor, id));
  }
}
