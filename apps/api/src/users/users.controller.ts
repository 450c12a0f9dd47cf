import { Body, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Actor, Role, ROLES, USER_SORTS, UserSort, UsersService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IsListSearch, IsListSort, PageQueryDto } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { PasswordResetDto, UserViewDto } from '../auth/auth.dto';
import { OptionalOneOf, OptionalText, OptionalTextList, OptionalUuid, QueryBoolean } from '../common/fields';
import { ApiController, IdParam, Route } from '../common/routes';

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

  @OptionalUuid({
    description: 'The cooperative (role cooperative), buyer (role buyer) or agency (role agency) the user acts for',
  })
  organizationId?: string;

  @OptionalText(200)
  displayName?: string;

  @OptionalTextList(34, 10, {
    type: [String],
    example: ['91'],
    description: 'Role staff: the current provinces the user works for; none means national (ministry staff)',
  })
  provinceCodes?: string[];
}

export class UpdateUserDto {
  @OptionalText(200, { type: String, nullable: true })
  displayName?: string | null;

  @OptionalTextList(34, 10, {
    type: [String],
    nullable: true,
    example: ['91', '79'],
    description: 'Role staff: the current provinces the user works for; [] or null makes them national',
  })
  provinceCodes?: string[] | null;
}

export class ListUsersQueryDto extends PageQueryDto {
  @OptionalOneOf(ROLES)
  role?: Role;

  @IsListSearch('Search e-mail, display name and organisation name')
  q?: string;

  @QueryBoolean({ description: 'Only active (true) or only disabled (false) accounts' })
  active?: boolean;

  @IsListSort(USER_SORTS, 'oldest first')
  sort?: UserSort;
}

export class UserListItemDto extends UserViewDto {
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the organisation the user acts for' })
  organizationName?: string | null;
}

export class UserPageResponse extends pageResponseOf(UserListItemDto) {}

@ApiController('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Create a user account',
    created: UserViewDto,
    errors: { 409: 'USER.EMAIL_TAKEN', 422: 'A field breaks a rule (e.g. an organisation of the wrong kind)' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto) {
    return this.users.create(actor, dto);
  }

  @Route('get', undefined, { roles: ['admin', 'staff'], summary: 'List user accounts', ok: UserPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListUsersQueryDto) {
    return this.users.list(q, actor);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff'],
    summary: 'One user account',
    ok: UserViewDto,
    errors: { 404: 'USER.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.users.view(actor, id);
  }

  /** An admin renames an account or binds a staff user to provinces. */
  @Route('patch', ':id', {
    roles: ['admin'],
    summary: 'Rename an account or bind a staff user to provinces',
    ok: UserViewDto,
    errors: { 404: 'USER.NOT_FOUND', 422: 'USER.INVALID_PROVINCE_CODES or USER.PROVINCE_CODES_NOT_ALLOWED' },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(actor, id, dto);
  }

  /** The account can no longer sign in; its sessions and tokens end now. Staff: organisations' users only. */
  @Route('post', ':id/disable', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Disable an account (its sessions end now)',
    ok: UserViewDto,
    errors: { 404: 'USER.NOT_FOUND' },
  })
  disable(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.users.disable(actor, id);
  }

  @Route('post', ':id/enable', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Enable a disabled account',
    ok: UserViewDto,
    errors: { 404: 'USER.NOT_FOUND' },
  })
  enable(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.users.enable(actor, id);
  }

  /** A one-time password to hand over; the user's sessions end and their next sign-in sets a new one. */
  @Route('post', ':id/reset-password', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Reset a password to a one-time one',
    ok: PasswordResetDto,
    errors: { 404: 'USER.NOT_FOUND' },
  })
  resetPassword(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.users.resetPassword(actor, id);
  }
}
