import { INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC_KEY } from './auth/public.decorator';
import { ROLES_KEY } from './auth/roles.decorator';
import { ApiErrorResponse, ApiFieldError, ErrorStatus, errorResponseObject } from './common/api-errors';

export const API_PREFIX = 'api';
const VERBS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type PathItem = OpenAPIObject['paths'][string];
type OperationObject = NonNullable<PathItem['get']>;

/** The OpenAPI document of the api: served at /api/docs-json, linted and turned into the web client by scripts/openapi.ts. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('AgriLink API')
    .setDescription(
      'Kết nối tiêu thụ nông sản (KH 308/KH-TB): registry of supply, demand, production areas, matching and deals. ' +
        'Money is whole VND, quantities whole kg, dates YYYY-MM-DD, points {lat, lng}.',
    )
    .setVersion('1.0')
    .setLicense('UNLICENSED', '')
    .addServer('/', 'This deployment')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ApiErrorResponse, ApiFieldError] });
  addSharedErrors(doc, routeRules(app));
  typeNullableUnions(doc);
  return doc;
}

/** OpenAPI 3.0 reads `nullable` only beside a `type`, and Nest drops the type it was given beside `oneOf`. */
function typeNullableUnions(doc: OpenAPIObject): void {
  for (const schema of Object.values(doc.components?.schemas ?? {})) {
    if (!('properties' in schema) || !schema.properties) continue;
    for (const prop of Object.values(schema.properties)) {
      if ('nullable' in prop && prop.nullable && prop.oneOf && !prop.type) prop.type = 'object';
    }
  }
}

interface RouteRule {
  isPublic: boolean;
  roles: string[];
}

/**
 * The answers every route shares, from the route's own decorators so the document cannot drift from
 * the guards: security and 401 unless @Public(), 403 under @Roles(), 400 for a malformed parameter or
 * body, 413 for a body, 429 (the rate limit covers every route) and 503 (the database).
 */
function addSharedErrors(doc: OpenAPIObject, rules: Map<string, RouteRule>): void {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const verb of VERBS) {
      const op: OperationObject | undefined = item[verb];
      if (!op) continue;
      const rule = rules.get(`${verb.toUpperCase()} ${path}`) ?? { isPublic: false, roles: [] };
      const shared: ErrorStatus[] = [];
      if (op.parameters?.length || op.requestBody) shared.push(400);
      if (rule.isPublic) op.security = [];
      else {
        op.security = [{ bearer: [] }];
        shared.push(401);
      }
      if (rule.roles.length) shared.push(403);
      if (op.requestBody) shared.push(413);
      shared.push(429, 503);
      const responses = op.responses;
      for (const status of shared)
        responses[status] ??= { $ref: `#/components/responses/${sharedResponse(doc, status)}` };
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
}

/** The shared answer for a status, declared once under components.responses. */
function sharedResponse(doc: OpenAPIObject, status: ErrorStatus): string {
  const name = `Error${status}`;
  doc.components ??= {};
  doc.components.responses ??= {};
  doc.components.responses[name] ??= errorResponseObject(status);
  return name;
}

/** @Public() and @Roles() of every handler, keyed like the document ("GET /api/supply-lots/{id}"). */
export function routeRules(app: INestApplication): Map<string, RouteRule> {
  const out = new Map<string, RouteRule>();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!cls?.prototype) continue;
      const base = ([] as string[]).concat(
        (Reflect.getMetadata(PATH_METADATA, cls) as string | string[] | undefined) ?? '',
      )[0];
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const handler: unknown = (cls.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        const isPublic =
          (Reflect.getMetadata(IS_PUBLIC_KEY, handler) as boolean | undefined) ??
          (Reflect.getMetadata(IS_PUBLIC_KEY, cls) as boolean | undefined) ??
          false;
        const roles =
          (Reflect.getMetadata(ROLES_KEY, handler) as string[] | undefined) ??
          (Reflect.getMetadata(ROLES_KEY, cls) as string[] | undefined) ??
          [];
        for (const p of ([] as string[]).concat(sub)) {
          const path = (`/${API_PREFIX}/` + [base, p].filter((s) => s && s !== '/').join('/'))
            .replace(/\/+/g, '/')
            .replace(/\/$/, '')
            .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
          out.set(`${RequestMethod[verb]} ${path}`, { isPublic, roles });
        }
      }
    }
  }
  return out;
}
