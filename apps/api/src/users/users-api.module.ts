import { Module } from '@nestjs/common';
import { UsersModule } from '@agrilink/core';
import { UsersController } from './users.controller';

@Module({ imports: [UsersModule], controllers: [UsersController] })
export class UsersApiModule {}
