import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@agrilink/config';
import { Public } from '../auth/public.decorator';

/** What the web app needs before it draws: the configurable base-map tiles. */
@ApiTags('map')
@Controller('web-config')
export class WebConfigController {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Get()
  get() {
    return { tileUrl: this.config.mapTileUrl, tileAttribution: this.config.mapTileAttribution };
  }
}
