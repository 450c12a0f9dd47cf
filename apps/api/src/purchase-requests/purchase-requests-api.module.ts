import { Module } from '@nestjs/common';
import { PurchaseRequestsModule } from '@agrilink/core';
import { PurchaseRequestsController } from './purchase-requests.controller';

@Module({ imports: [PurchaseRequestsModule], controllers: [PurchaseRequestsController] })
export class PurchaseRequestsApiModule {}
