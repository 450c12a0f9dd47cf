import { Module } from '@nestjs/common';
import { CheckpointsModule } from '@agrilink/core';
import { CheckpointsController } from './checkpoints.controller';

@Module({ imports: [CheckpointsModule], controllers: [CheckpointsController] })
export class CheckpointsApiModule {}
