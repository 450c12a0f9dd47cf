import { Module } from '@nestjs/common';
import { ProposalsModule } from '@agrilink/core';
import { ProposalsController } from './proposals.controller';

@Module({ imports: [ProposalsModule], controllers: [ProposalsController] })
export class ProposalsApiModule {}
