import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@agrilink/config';
import { UsersModule } from '@agrilink/core';
import { AccessTokenVerifier } from './access-token.verifier';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

@Module({
  imports: [
    UsersModule,
    JwtModule.registerAsync({
      global: true,
      inject: [AppConfig],
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails) to parse the secret as a
      // public key and then builds a secret key on every verify, about 0.7 ms a request.
      // HS256 only, both ways: no other algorithm (none, RS/HS confusion) is accepted.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.jwtSecret)) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, AccessTokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenVerifier],
})
export class AuthModule {}
