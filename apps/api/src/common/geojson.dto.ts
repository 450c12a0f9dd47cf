import { applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  type ApiPropertyOptions,
  getSchemaPath,
} from '@nestjs/swagger';

// GeoJSON geometries as they cross the API: positions [lng, lat] (RFC 7946), WGS 84.

export class GeoJsonPoint {
  @ApiProperty({ enum: ['Point'] }) type: 'Point';
  @ApiProperty({ type: [Number], example: [105.1, 10.0], description: '[lng, lat]' }) coordinates: number[];
}

export class GeoJsonPolygon {
  @ApiProperty({ enum: ['Polygon'] }) type: 'Polygon';
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3 } },
    description: 'Linear rings of [lng, lat] positions, the first the outline, each closed (last position = first)',
    example: [
      [
        [105.07, 10.0],
        [105.1, 10.0],
        [105.1, 10.03],
        [105.07, 10.03],
        [105.07, 10.0],
      ],
    ],
  })
  coordinates: number[][][];
}

export class GeoJsonMultiPolygon {
  @ApiProperty({ enum: ['MultiPolygon'] }) type: 'MultiPolygon';
  @ApiProperty({
    type: 'array',
    items: {
      type: 'array',
      items: { type: 'array', items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3 } },
    },
    description: 'Polygons, each as in a Polygon',
  })
  coordinates: number[][][][];
}

export type GeoJsonArea = GeoJsonPolygon | GeoJsonMultiPolygon;

export const POLYGON_EXAMPLE = {
  type: 'Polygon',
  coordinates: [
    [
      [105.07, 10.0],
      [105.1, 10.0],
      [105.1, 10.03],
      [105.07, 10.03],
      [105.07, 10.0],
    ],
  ],
};

const AREA_SCHEMA = {
  oneOf: [{ $ref: getSchemaPath(GeoJsonPolygon) }, { $ref: getSchemaPath(GeoJsonMultiPolygon) }],
  discriminator: {
    propertyName: 'type',
    mapping: { Polygon: getSchemaPath(GeoJsonPolygon), MultiPolygon: getSchemaPath(GeoJsonMultiPolygon) },
  },
};

/** A GeoJSON Polygon or MultiPolygon property (a zone, a production area's boundary). */
export function ApiAreaProperty(
  options: { description?: string; required?: boolean; nullable?: boolean; example?: unknown } = {},
) {
  const { required = true, nullable = false, description, example } = options;
  const schema = {
    ...AREA_SCHEMA,
    ...(nullable ? { nullable: true } : {}),
    description,
    example,
  } as ApiPropertyOptions;
  return applyDecorators(
    ApiExtraModels(GeoJsonPolygon, GeoJsonMultiPolygon),
    required ? ApiProperty(schema) : ApiPropertyOptional(schema),
  );
}

export class GeoJsonLineString {
  @ApiProperty({ enum: ['LineString'] }) type: 'LineString';
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3 },
    description: '[lng, lat] positions',
  })
  coordinates: number[][];
}

const GEOMETRIES = [GeoJsonPoint, GeoJsonLineString, GeoJsonPolygon, GeoJsonMultiPolygon];

export class GeoJsonFeature {
  @ApiProperty({ enum: ['Feature'] }) type: 'Feature';
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }] }) id?: string | number;
  @ApiProperty({ oneOf: GEOMETRIES.map((g) => ({ $ref: getSchemaPath(g) })) })
  geometry: GeoJsonPoint | GeoJsonLineString | GeoJsonPolygon | GeoJsonMultiPolygon;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "The layer's figures for this feature (names, kilograms, prices)",
  })
  properties: Record<string, unknown> | null;
}

/** A map layer: a GeoJSON FeatureCollection with how it was drawn. */
@ApiExtraModels(...GEOMETRIES)
export class MapLayerResponse {
  @ApiProperty({ enum: ['FeatureCollection'] }) type: 'FeatureCollection';
  @ApiProperty({ type: [GeoJsonFeature] }) features: GeoJsonFeature[];
  @ApiPropertyOptional({ description: 'The zoom the layer was drawn for' }) zoom?: number;
  @ApiPropertyOptional({ description: 'Points were grouped into clusters at this zoom' }) clustered?: boolean;
  @ApiPropertyOptional({ description: 'More features matched than one answer carries' }) truncated?: boolean;
}

export class FlowLayerResponse extends MapLayerResponse {
  @ApiProperty({ description: 'Totals between grid cells (anonymous callers), not single deals' }) aggregated: boolean;
}
