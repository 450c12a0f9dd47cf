import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthSessionsRepository } from './auth-sessions.repository';
import { SignInThrottleRepository } from './sign-in-throttle.repository';
import { SignInService } from './sign-in.service';
import { User } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([User])],
  providers: [UsersService, SignInService, AuthSessionsRepository, SignInThrottleRepository],
  exports: [UsersService, SignInService, AuthSessionsRepository],
})
export class UsersModule {}
