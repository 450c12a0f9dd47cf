import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request } from 'express';
import type { Actor } from '@agrilink/core';
import { SignInService, toUserView, UsersService } from '@agrilink/core';
import {
  ChangePasswordDto,
  EnableTotpDto,
  LoginDto,
  RefreshDto,
  TokenPairDto,
  TotpSetupDto,
  UserViewDto,
} from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { Public } from './public.decorator';
import { ApiErrors } from '../common/api-errors';

/** The address sign-in attempts are counted against (Express's req.ip: the proxy setting decides). */
function sourceOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIn: SignInService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @Post('login')
  @ApiOperation({ summary: 'Sign in with e-mail, password and (when enabled) an authenticator code' })
  @ApiErrors({ 401: 'AUTH.INVALID_CREDENTIALS or AUTH.TOTP_REQUIRED' })
  @HttpCode(200)
  @ApiOkResponse({
    type: TokenPairDto,
    description:
      '401 AUTH.INVALID_CREDENTIALS / AUTH.TOTP_REQUIRED / AUTH.TOTP_INVALID / AUTH.TOTP_SETUP_REQUIRED, 403 AUTH.PASSWORD_CHANGE_REQUIRED, 429 AUTH.SIGN_IN_DELAYED with Retry-After',
  })
  login(@Body() dto: LoginDto, @Req() req: Request) {
    return this.auth.login({
      email: dto.email,
      password: dto.password,
      totp: dto.totp,
      newPassword: dto.newPassword,
      source: sourceOf(req),
    });
  }

  @Public()
  @Post('refresh')
  @ApiOperation({ summary: 'Trade a refresh token for a new pair of tokens' })
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto })
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  @Public()
  @Post('logout')
  @ApiOperation({ summary: 'Sign out: end the session of a refresh token' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the session of the refresh token (and the bearer token, when sent) is ended' })
  async logout(
    @Body() dto: RefreshDto,
    @CurrentActor() actor: Actor | null,
    @Req() req: Request & { authSessionId?: string },
  ) {
    await this.auth.logout(dto.refreshToken, actor, req.authSessionId);
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOperation({ summary: 'The signed-in user' })
  @ApiOkResponse({ type: UserViewDto })
  async me(@CurrentActor() actor: Actor) {
    return toUserView(await this.users.get(actor.userId));
  }

  @ApiBearerAuth()
  @Post('change-password')
  @ApiOperation({ summary: "Change one's own password" })
  @ApiErrors({ 422: 'AUTH.CURRENT_PASSWORD_WRONG, AUTH.PASSWORD_UNCHANGED or a password too weak' })
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairDto, description: 'every session of the account ends; this is a new one' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto, @Req() req: Request) {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, sourceOf(req));
  }

  @ApiBearerAuth()
  @Post('totp/setup')
  @ApiOperation({ summary: 'Start setting up an authenticator app (a new secret and its QR code)' })
  @HttpCode(200)
  @ApiOkResponse({
    type: TotpSetupDto,
    description: 'a new secret, pending until confirmed with POST /auth/totp/enable',
  })
  setUpTotp(@CurrentActor() actor: Actor) {
    return this.signIn.setUpTotp(actor);
  }

  @ApiBearerAuth()
  @Post('totp/enable')
  @ApiOperation({ summary: 'Turn on authenticator codes with a first code' })
  @ApiErrors({ 422: 'AUTH.INVALID_TOTP' })
  @HttpCode(200)
  @ApiOkResponse({ type: UserViewDto })
  async enableTotp(@CurrentActor() actor: Actor, @Body() dto: EnableTotpDto) {
    return toUserView(await this.signIn.enableTotp(actor, dto.code));
  }
}
