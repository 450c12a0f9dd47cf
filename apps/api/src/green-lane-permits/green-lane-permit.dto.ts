import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, Matches } from 'class-validator';
import { PERMIT_STATUSES, PermitStatus, type GreenLanePermitView } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { PROVINCE_CODE } from '../common/registry-fields.dto';
import { pageResponseOf } from '../common/page-response.dto';
import { Day, OptionalOneOf, OptionalText, OptionalUuid } from '../common/fields';

export class IssuePermitDto {
  @ApiProperty({ description: 'The vehicle allowed through' })
  @IsUUID()
  vehicleId: string;

  @Day({ example: '2026-12-01' })
  validFrom: string;

  @Day({ example: '2026-12-14', description: 'Last valid day (at most 92 days after validFrom)' }, 'validFrom')
  validTo: string;

  @ApiPropertyOptional({ example: ['91', '79'], description: 'Provinces the permit is good in; none: everywhere' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(63)
  @Matches(PROVINCE_CODE, { each: true, message: 'provinceCodes must be two-digit province codes' })
  provinceCodes?: string[];

  @OptionalText(500, { example: 'Chở lúa từ Kiên Giang lên chợ Bình Điền' })
  note?: string;
}

export class RevokePermitDto {
  @OptionalText(500, { example: 'Xe chở hàng ngoài danh mục thiết yếu' })
  reason?: string;
}

export class ListPermitsQueryDto extends PageQueryDto {
  @OptionalUuid()
  vehicleId?: string;

  @OptionalUuid()
  operatorId?: string;

  @OptionalOneOf(PERMIT_STATUSES)
  status?: PermitStatus;
}

export class PermitQrResponse {
  @ApiProperty({
    example: 'LX1|LX-7K3Q-F9M2|68C-123.45|2026-12-01|2026-12-14',
    description: 'What is signed: version, code, plate, first and last valid day',
  })
  payload: string;
  @ApiProperty({ description: "base64url Ed25519 signature over the payload's UTF-8 bytes" })
  signature: string;
  @ApiProperty({ description: 'What the QR image encodes: payload|signature' })
  text: string;
}

export class GreenLanePermitResponse implements GreenLanePermitView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'LX-7K3Q-F9M2' }) code: string;
  @ApiProperty({ enum: PERMIT_STATUSES }) status: PermitStatus;
  @ApiProperty({ description: 'Active today on a vehicle still on the road' }) valid: boolean;
  @ApiProperty() vehicleId: string;
  @ApiProperty({ example: '68C-123.45' }) plate: string;
  @ApiProperty() vehicleKind: string;
  @ApiProperty() operatorId: string;
  @ApiProperty() operatorName: string;
  @ApiProperty({ example: '2026-12-01' }) validFrom: string;
  @ApiProperty({ example: '2026-12-14' }) validTo: string;
  @ApiProperty({ type: [String] }) provinceCodes: string[];
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ type: PermitQrResponse }) qr: PermitQrResponse;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
  @ApiProperty({ nullable: true, type: String }) revokedReason: string | null;
  @ApiProperty() createdAt: Date;
}

export class GreenLanePermitPageResponse extends pageResponseOf(GreenLanePermitResponse) {}

export class PermitVerificationResponse {
  @ApiProperty({ description: 'Not revoked, in date today (Việt Nam) and on an active vehicle' }) valid: boolean;
  @ApiProperty({ enum: PERMIT_STATUSES }) status: PermitStatus;
  @ApiProperty({ example: 'LX-7K3Q-F9M2' }) code: string;
  @ApiProperty({ example: '68C-123.45' }) plate: string;
  @ApiProperty() operatorName: string;
  @ApiProperty({ example: '2026-12-01' }) validFrom: string;
  @ApiProperty({ example: '2026-12-14' }) validTo: string;
  @ApiProperty({ type: [String] }) provinceCodes: string[];
  @ApiProperty({ example: '2026-12-02' }) checkedOn: string;
}

export class PermitPublicKeyResponse {
  @ApiProperty({ enum: ['Ed25519'] }) alg: 'Ed25519';
  @ApiProperty({ description: 'SPKI PEM of the key that signs permit QR codes' }) publicKeyPem: string;
}
