import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Actor, Role, ROLES, UsersService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { PageQueryDto } from '../common/dto';
import { PasswordResetDto, UserViewDto } from '../auth/auth.dto';

export class CreateUserDto {
  @ApiProperty({ example: 'htx.moi@example.vn' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ description: 'The cooperative (role cooperative), buyer (role buyer) or agency (role agency) the user acts for' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin', 'staff')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Get()
  list(@Query() q: ListUsersQueryDto) {
    return this.users.list(q);
  }

  /** The account can no longer sign in; its sessions and tokens end now. */
  @Roles('admin')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserViewDto })
  disable(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.disable(actor, id);
  }

  @Roles('admin')
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserViewDto })
  enable(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.enable(actor, id);
  }

  /** A one-time password to hand over; the user's sessions end and their next sign-in sets a new one. */
  @Roles('admin')
  @Post(':id/reset-password')
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordResetDto })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.resetPassword(actor, id);
  }
}
