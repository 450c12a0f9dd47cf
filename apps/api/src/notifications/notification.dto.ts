import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  DELIVERY_STATUSES,
  DeliveryStatus,
  LANGUAGES,
  Language,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
  type NotificationView,
  type NotificationDeliveryView,
  type NotificationPreferencesView,
} from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { OptionalOneOf, QueryBoolean } from '../common/fields';

export class ListNotificationsQueryDto extends PageQueryDto {
  @QueryBoolean({ description: 'Only unread ones' })
  unread?: boolean;
}

export class NotificationDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'proposals.created' }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { matchingRunId: '…', proposals: 3 } })
  data: Record<string, unknown>;
  @ApiProperty() read: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
  @ApiProperty({ description: 'Unread notifications of the caller (for the bell)' }) unreadCount: number;
}

export class MarkAllReadDto {
  @ApiProperty() updated: number;
  @ApiProperty() unreadCount: number;
}

export class StreamTicketDto {
  @ApiProperty({
    description:
      'Single use, for GET /api/notifications/stream?ticket=… (EventSource cannot send an Authorization header)',
  })
  ticket: string;
  @ApiProperty({ example: 60 }) expiresInSeconds: number;
}

export class StreamQueryDto {
  @ApiProperty({ description: 'From POST /api/notifications/stream-tickets' })
  @IsString()
  @MaxLength(200)
  ticket: string;
}

export class ListDeliveriesQueryDto extends PageQueryDto {
  @OptionalOneOf(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @OptionalOneOf(NOTIFICATION_CHANNELS)
  channel?: NotificationChannel;
}

export class NotificationDeliveryAttemptDto {
  @ApiProperty() attempt: number;
  @ApiProperty({ enum: ['sending', 'sent', 'error', 'abandoned'] }) outcome: string;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) startedAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export class NotificationDeliveryDto implements NotificationDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId: string | null;
  @ApiProperty({ enum: NOTIFICATION_CHANNELS }) channel: NotificationChannel;
  @ApiProperty({ description: 'E-mail address or phone number' }) address: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty() attempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextAttemptAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: [NotificationDeliveryAttemptDto] }) attemptLog: NotificationDeliveryAttemptDto[];
}

export class NotificationDeliveryPageDto {
  @ApiProperty({ type: [NotificationDeliveryDto] }) items: NotificationDeliveryDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

class ChannelAvailabilityDto {
  @ApiProperty() email: boolean;
  @ApiProperty() zalo: boolean;
  @ApiProperty() sms: boolean;
  @ApiProperty() inApp: boolean;
}

export class NotificationPreferencesDto implements NotificationPreferencesView {
  @ApiProperty() email: boolean;
  @ApiProperty({ description: 'Zalo ZNS to `phone`' }) zalo: boolean;
  @ApiProperty() sms: boolean;
  @ApiProperty({ description: 'Live updates of the bell' }) inApp: boolean;
  @ApiProperty({ type: String, nullable: true, example: '84912345678' }) phone: string | null;
  @ApiProperty({ enum: LANGUAGES }) language: Language;
  @ApiProperty({ type: ChannelAvailabilityDto, description: 'Channels configured on this installation' })
  available: ChannelAvailabilityDto;
}

export class UpdateNotificationPreferencesDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() email?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() zalo?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() sms?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() inApp?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '0912345678',
    description: 'Vietnamese mobile number; needed for Zalo and SMS',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[+\d\s().-]{9,20}$/, { message: 'phone must be a phone number, e.g. 0912345678' })
  phone?: string | null;

  @OptionalOneOf(LANGUAGES, { description: 'Language of e-mail, Zalo and SMS messages' })
  language?: Language;
}
