import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@agrilink/config';
import { Public } from '../auth/public.decorator';

export class WebConfigResponse {
  @ApiProperty({ example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }) tileUrl: string;
  @ApiProperty() tileAttribution: string;
}

/** What the web app needs before it draws: the configurable base-map tiles. */
@ApiTags('map')
@Controller('web-config')
export class WebConfigController {
  constructor(private readonly config: AppConfig) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Settings the web app reads before it draws (base-map tiles)' })
  @ApiOkResponse({ type: WebConfigResponse })
  get(): WebConfigResponse {
    return { tileUrl: this.config.mapTileUrl, tileAttribution: this.config.mapTileAttribution };
  }
}
