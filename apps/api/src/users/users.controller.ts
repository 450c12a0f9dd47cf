import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Actor, Role, ROLES, USER_SORTS, UserSort, UsersService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { IsListSearch, IsListSort, PageQueryDto, ToBool } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { PasswordResetDto, UserViewDto } from '../auth/auth.dto';
import { ApiErrors } from '../common/api-errors';

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

  @ApiPropertyOptional({
    description: 'The cooperative (role cooperative), buyer (role buyer) or agency (role agency) the user acts for',
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['91'],
    description: 'Role staff: the current provinces the user works for; none means national (ministry staff)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(34)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  provinceCodes?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    example: ['91', '79'],
    description: 'Role staff: the current provinces the user works for; [] or null makes them national',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(34)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  provinceCodes?: string[] | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsListSearch('Search e-mail, display name and organisation name')
  q?: string;

  @ApiPropertyOptional({ description: 'Only active (true) or only disabled (false) accounts' })
  @IsOptional()
  @ToBool()
  @IsBoolean()
  active?: boolean;

  @IsListSort(USER_SORTS, 'oldest first')
  sort?: UserSort;
}

export class UserListItemDto extends UserViewDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the organisation the user acts for' })
  organizationName?: string | null;
}

export class UserPageResponse extends pageResponseOf(UserListItemDto) {}

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Create a user account' })
  @ApiErrors({ 409: 'USER.EMAIL_TAKEN', 422: 'A field breaks a rule (e.g. an organisation of the wrong kind)' })
  @ApiCreatedResponse({ type: UserViewDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Get()
  @ApiOperation({ summary: 'List user accounts' })
  @ApiOkResponse({ type: UserPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListUsersQueryDto) {
    return this.users.list(q, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id')
  @ApiOperation({ summary: 'One user account' })
  @ApiErrors({ 404: 'USER.NOT_FOUND' })
  @ApiOkResponse({ type: UserViewDto })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.view(actor, id);
  }

  /** An admin renames an account or binds a staff user to provinces. */
  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Rename an account or bind a staff user to provinces' })
  @ApiErrors({ 404: 'USER.NOT_FOUND', 422: 'USER.INVALID_PROVINCE_CODES or USER.PROVINCE_CODES_NOT_ALLOWED' })
  @ApiOkResponse({ type: UserViewDto })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  /** The account can no longer sign in; its sessions and tokens end now. Staff: organisations' users only. */
  @Roles('admin', 'staff')
  @Post(':id/disable')
  @ApiOperation({ summary: 'Disable an account (its sessions end now)' })
  @ApiErrors({ 404: 'USER.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: UserViewDto })
  disable(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.disable(actor, id);
  }

  @Roles('admin', 'staff')
  @Post(':id/enable')
  @ApiOperation({ summary: 'Enable a disabled account' })
  @ApiErrors({ 404: 'USER.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: UserViewDto })
  enable(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.enable(actor, id);
  }

  /** A one-time password to hand over; the user's sessions end and their next sign-in sets a new one. */
  @Roles('admin', 'staff')
  @Post(':id/reset-password')
  @ApiOperation({ summary: 'Reset a password to a one-time one' })
  @ApiErrors({ 404: 'USER.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordResetDto })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.users.resetPassword(actor, id);
  }
}
