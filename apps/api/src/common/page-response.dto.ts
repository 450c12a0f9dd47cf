import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/**
 * One page of a list, as `paginate` answers it. Each list declares
 * `class XPageResponse extends pageResponseOf(XResponse) {}` so its OpenAPI
 * schema keeps its own name while the page shape lives here once.
 */
export function pageResponseOf<T>(item: Type<T>) {
  abstract class PageResponse {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty() total: number;
    @ApiProperty() limit: number;
    @ApiProperty() offset: number;
  }
  return PageResponse;
}
