import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PROPOSAL_STATUSES, ProposalStatus } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';

export class AnswerProposalDto {
  @ApiPropertyOptional({ enum: ['seller', 'buyer'], description: 'Staff answering for a party say which; parties may omit it' })
  @IsOptional()
  @IsIn(['seller', 'buyer'])
  side?: 'seller' | 'buyer';
}

export class RejectProposalDto extends AnswerProposalDto {
  @ApiPropertyOptional({ example: 'Giá chưa phù hợp' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ConfirmProposalDto {
  @ApiPropertyOptional({ description: "Agreed price, whole VND per kg; defaults to the lot's asking price" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  priceVndPerKg?: number;
}

export class ListProposalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  supplyLotId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  purchaseRequestId?: string;
}

export class ListAllProposalsQueryDto extends ListProposalsQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  matchingRunId?: string;
}
