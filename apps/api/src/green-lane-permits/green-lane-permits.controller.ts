import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
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
import { ApiFileOkResponse } from '../common/api-responses';
import { permitPdf, permitPng, permitSvg } from './permit-documents';
import { ApiErrors } from '../common/api-errors';
import { ApiController, IdParam, Route } from '../common/routes';

/** Luồng xanh: staff issue and revoke; the operator and the cooperatives it serves read and print; anyone checks a code. */
@ApiController('green-lane-permits')
export class GreenLanePermitsController {
  constructor(
    private readonly permits: GreenLanePermitsService,
    private readonly config: AppConfig,
  ) {}

  /** The key a checkpoint keeps to check QR signatures offline. */
  @Public()
  @Get('public-key')
  @ApiOperation({ summary: 'The key that verifies permit signatures' })
  @ApiOkResponse({ type: PermitPublicKeyResponse })
  @ApiServiceUnavailableResponse({ description: 'GREEN_LANE_PERMIT.SIGNING_KEY_MISSING: no key configured' })
  publicKey() {
    return this.permits.publicKey();
  }

  /** Online check for anyone: valid only while not revoked and in date; no private data. */
  @Public()
  @Get('verify/:code')
  @ApiOperation({ summary: 'Check a green-lane permit by its code (at a checkpoint)' })
  @ApiOkResponse({ type: PermitVerificationResponse })
  @ApiNotFoundResponse({ description: 'GREEN_LANE_PERMIT.NOT_FOUND: no permit has this code' })
  @ApiUnprocessableEntityResponse({ description: 'GREEN_LANE_PERMIT.INVALID_CODE: not a permit code' })
  verify(@Param('code') code: string) {
    return this.permits.verify(code);
  }

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Issue a green-lane permit (luồng xanh) for a vehicle' })
  @ApiErrors({ 409: 'VEHICLE.RETIRED', 422: 'A field breaks a rule' })
  @ApiCreatedResponse({ type: GreenLanePermitResponse })
  @ApiServiceUnavailableResponse({ description: 'GREEN_LANE_PERMIT.SIGNING_KEY_MISSING: no key configured' })
  issue(@CurrentActor() actor: Actor, @Body() dto: IssuePermitDto) {
    return this.permits.issue(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff', 'transport', 'cooperative'],
    summary: 'List green-lane permits',
    ok: GreenLanePermitPageResponse,
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListPermitsQueryDto) {
    return this.permits.list(actor, q);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff', 'transport', 'cooperative'],
    summary: 'One green-lane permit',
    ok: GreenLanePermitResponse,
    errors: { 404: 'GREEN_LANE_PERMIT.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.permits.get(actor, id);
  }

  @Route('post', ':id/revoke', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Revoke a green-lane permit',
    ok: {
      type: GreenLanePermitResponse,
      description: 'The permit, revoked: the online check answers valid=false from now on',
    },
    errors: { 404: 'GREEN_LANE_PERMIT.NOT_FOUND', 409: 'Already revoked' },
  })
  revoke(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RevokePermitDto) {
    return this.permits.revoke(actor, id, dto.reason ?? null);
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/qr.svg')
  @ApiOperation({ summary: "The permit's QR code as SVG" })
  @ApiFileOkResponse('The QR with plate, dates and code (SVG)', 'image/svg+xml')
  @ApiErrors({ 404: 'GREEN_LANE_PERMIT.NOT_FOUND' })
  async svg(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() res: Response) {
    const p = await this.permits.forDocument(actor, id);
    res.setHeader('Content-Type', 'image/svg+xml; charset=utf-8');
    res.setHeader('Content-Disposition', `inline; filename="luong-xanh-${p.code}.svg"`);
    res.send(await permitSvg(p));
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/qr.png')
  @ApiOperation({ summary: "The permit's QR code as PNG" })
  @ApiFileOkResponse('The QR alone (PNG, 640 px)', 'image/png')
  @ApiErrors({ 404: 'GREEN_LANE_PERMIT.NOT_FOUND' })
  async png(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() res: Response) {
    const p = await this.permits.forDocument(actor, id);
    res.setHeader('Content-Type', 'image/png');
    res.setHeader('Content-Disposition', `inline; filename="luong-xanh-${p.code}.png"`);
    res.send(await permitPng(p));
  }

  @Roles('admin', 'staff', 'transport', 'cooperative')
  @Get(':id/permit.pdf')
  @ApiOperation({ summary: 'The permit as a printable PDF' })
  @ApiFileOkResponse('The printable permit, one A4 page', 'application/pdf')
  @ApiErrors({ 404: 'GREEN_LANE_PERMIT.NOT_FOUND' })
  async pdf(@CurrentActor() actor: Actor, @IdParam() id: string, @Res() res: Response) {
    const p = await this.permits.forDocument(actor, id);
    const body = await permitPdf(p, `${this.config.appBaseUrl.replace(/\/$/, '')}/#/checkpoint`);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="luong-xanh-${p.code}.pdf"`);
    res.send(body);
  }
}
