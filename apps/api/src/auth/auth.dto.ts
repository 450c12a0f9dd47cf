import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type UserView } from '@agrilink/core';
import type { Role } from '@agrilink/core';

// ASVS 2.1.1/2.1.2: at least 12 characters, at most 128; every character allowed.
const NEW_PASSWORD = { min: 12, max: 128 } as const;

export class LoginDto {
  @ApiProperty({ example: 'staff@agrilink.local' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    description: '6-digit code of the authenticator app, when the account has two-step sign-in',
    example: '123456',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totp must be 6 digits' })
  totp?: string;

  @ApiPropertyOptional({
    description: 'Only when sign-in answered AUTH.PASSWORD_CHANGE_REQUIRED: the new password',
    minLength: NEW_PASSWORD.min,
  })
  @IsOptional()
  @IsString()
  @MinLength(NEW_PASSWORD.min, { message: `newPassword must be at least ${NEW_PASSWORD.min} characters` })
  @MaxLength(NEW_PASSWORD.max)
  newPassword?: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(10)
  @MaxLength(4000)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: NEW_PASSWORD.min, maxLength: NEW_PASSWORD.max })
  @IsString()
  @MinLength(NEW_PASSWORD.min, { message: `newPassword must be at least ${NEW_PASSWORD.min} characters` })
  @MaxLength(NEW_PASSWORD.max)
  newPassword: string;
}

export class EnableTotpDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}

export class UserViewDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organizationId: string | null;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty({ type: [String], description: 'staff: the current provinces they work for; empty means national' })
  provinceCodes: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'sign-in asks for an authenticator code' }) totpEnabled: boolean;
  @ApiProperty({ description: 'the next sign-in must set a new password' }) passwordChangeRequired: boolean;
  @ApiProperty() createdAt: Date;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ description: 'single use: each refresh returns a new one; presenting a used one ends the session' })
  refreshToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ example: '15m' }) expiresIn: string;
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
}

export class TotpSetupDto {
  @ApiProperty({ description: 'base32 secret; shown once' }) secret: string;
  @ApiProperty({
    example:
      'otpauth://totp/AgriLink:staff%40agrilink.local?issuer=AgriLink&secret=…&algorithm=SHA1&digits=6&period=30',
  })
  otpauthUrl: string;
}

export class PasswordResetDto {
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
  @ApiProperty({ description: 'one-time password to hand to the user; the next sign-in must replace it' })
  temporaryPassword: string;
}
