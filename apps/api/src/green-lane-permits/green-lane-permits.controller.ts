import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@agrilink/config';
import { Actor, GreenLanePermitsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  GreenLanePermitPageResponse,
  GreenLanePermitResponse,
  IssuePermitDto,
  ListPermitsQueryDto,
  PermitPublicKeyResponse,
  PermitVerificationResponse,
  RevokePermitDto,
} from './green-lane-permit.dto';
import { permitPdf, permitPng, permitSvg } from './permit-documents';

/** Luồng xanh: staff issue and revoke; the operator and the cooperatives it serves read and print; anyone checks a code. */
@ApiTags('green-lane-permits')
@ApiBearerAuth()
@Controller('green-lane-permits')
export class GreenLanePermitsController {
  constructor(
    private readonly permits: GreenLanePermitsService,
    private readonly config: AppConfig,
  ) {}

  /** The key a checkpoint keeps to check QR signatures offline. */
  @Public()
  @Get('public-key')
  @ApiOkResponse({ type: PermitPublicKeyResponse })
  @ApiServiceUnavailableResponse({ description: 'GREEN_LANE_PERMIT.SIGNING_KEY_MISSING: no key configured' })
  publicKey() {
    return this.permits.publicKey();
  }

  /** Online check for anyone: valid only while not revoked and in date; no private data. */
  @Public()
  @Get('verify/:code')
  @ApiOkResponse({ type: PermitVerificationResponse })
  @ApiNotFoundResponse({ description: 'GREEN_LANE_PERMIT.NOT_FOUND: no permit has this code' })
  @ApiUnprocessableEntityResponse({ description: 'GREEN_LANE_PERMIT.INVALID_CODE: not a permit code' })
  verify(@Param('code') code: string) {
    return this.permits.verify(code);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: GreenLanePermitResponse })
  @ApiServiceUnavailableResponse({ description: 'GREEN_LANE_PERMIT.SIGNING_KEY_MISSING: no key configured' })
  issue(@CurrentActor() actor: Actor, @Body() dto: IssuePermitDto) {
    return this.permits.issue(actor, dto);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get()
  @ApiOkResponse({ type: GreenLanePermitPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListPermitsQueryDto) {
    return this.permits.list(actor, q);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id')
  @ApiOkResponse({ type: GreenLanePermitResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.permits.get(actor, id);
  }

  @Roles('admin', 'staff')
  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: GreenLanePermitResponse, description: 'The permit, revoked: the online check answers valid=false from now on' })
  revoke(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RevokePermitDto) {
    return this.permits.revoke(actor, id, dto.reason ?? null);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/qr.svg')
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The QR with plate, dates and code (SVG)' })
  async svg(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response) {
    const p = await this.permits.forDocument(actor, id);
    res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="luong-xanh-${p.code}.svg"`);
    res.send(await permitSvg(p));
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/qr.png')
  @ApiProduces('image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The QR alone (PNG, 640 px)' })
  async png(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response) {
    const p = await this.permits.forDocument(actor, id);
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Content-Disposition', `inline; filename="luong-xanh-${p.code}.png"`);
    res.send(await permitPng(p));
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/permit.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The printable permit, one A4 page' })
  async pdf(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Res() res: Response) {
    const p = await this.permits.forDocument(actor, id);
    const body = await permitPdf(p, `${this.config.appBaseUrl.replace(/\/$/, '')}/#/checkpoint`);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="luong-xanh-${p.code}.pdf"`);
    res.send(body);
  }
}
