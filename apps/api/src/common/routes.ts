import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Type,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Role } from '@agrilink/core';
import { Roles } from '../auth/roles.decorator';
import { ApiErrors, ErrorStatus } from './api-errors';

/**
 * The declarations every route repeats (verb and path, roles, summary, answers), in one call, so a
 * controller reads as its routes. Each option stands for the decorator it names; none adds anything
 * to the OpenAPI document that the decorators written out would not.
 */
/** A 200 or 201's body: its type, or its type and what it means. */
export type RouteAnswer = Type<unknown> | { type: Type<unknown>; description: string };

export interface RouteSpec {
  summary: string;
  /** @Roles(...): who may call it; none means every signed-in user. */
  roles?: readonly Role[];
  /** @ApiOkResponse({ type }) or @ApiOkResponse({ type, description }) */
  ok?: RouteAnswer;
  /** @ApiCreatedResponse({ type }) or @ApiCreatedResponse({ type, description }) */
  created?: RouteAnswer;
  /** @HttpCode(204) with @ApiNoContentResponse({ description }) */
  noContent?: string;
  /** @HttpCode(status) where the verb's default is not the answer (a POST that answers 200). */
  status?: number;
  /** @ApiErrors({ ... }): the domain errors, with the error body's schema. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** Answers declared by description only (@ApiNotFoundResponse({ description }) and its kin). */
  described?: Partial<Record<ErrorStatus, string>>;
}

const VERBS = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete };

export function Route(verb: keyof typeof VERBS, path: string | undefined, spec: RouteSpec): MethodDecorator {
  const decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator> = [];
  if (spec.roles) decorators.push(Roles(...spec.roles));
  decorators.push(path === undefined ? VERBS[verb]() : VERBS[verb](path));
  if (spec.status !== undefined) decorators.push(HttpCode(spec.status));
  decorators.push(ApiOperation({ summary: spec.summary }));
  if (spec.ok) decorators.push(ApiOkResponse(answer(spec.ok)));
  if (spec.created) decorators.push(ApiCreatedResponse(answer(spec.created)));
  if (spec.errors) decorators.push(ApiErrors(spec.errors));
  for (const [status, description] of Object.entries(spec.described ?? {}))
    decorators.push(ApiResponse({ status: Number(status), description }));
  if (spec.noContent !== undefined)
    decorators.push(ApiNoContentResponse({ description: spec.noContent }), HttpCode(204));
  return applyDecorators(...decorators);
}

const answer = (a: RouteAnswer) => (typeof a === 'function' ? { type: a } : a);

/** The `:id` of the path, which must be a UUID (400 otherwise). */
export const IdParam = (): ParameterDecorator => Param('id', new ParseUUIDPipe());

/** A controller of signed-in routes under /api/<path>, tagged <path> in the document. */
export const ApiController = (path: string): ClassDecorator =>
  applyDecorators(ApiTags(path), ApiBearerAuth(), Controller(path));

/**
 * The five routes of a registry resource (register, list, one, change, delete), which read and
 * answer alike across resources: one description of the resource gives each route its words.
 */
export interface RegistryResource {
  /** The summaries' words for one row and for many: `a harvest resource`, `harvest resources`. */
  one: string;
  many: string;
  /** What follows "Register a …" where the kind needs explaining: ` (vùng trồng)`. */
  registerNote?: string;
  /** The subject of the duplicate-key 409, when not `one` capitalised. */
  duplicate?: string;
  /** The code of the 404: `HARVEST_RESOURCE.NOT_FOUND`. */
  notFound: string;
  response: Type<unknown>;
  page: Type<unknown>;
  /** Who may register, change and delete rows (anyone signed in reads them). */
  writers: readonly Role[];
}

const RULE_BROKEN = 'A field breaks a rule (the code names it)';

export function registryRoutes(r: RegistryResource) {
  const duplicate = r.duplicate ?? r.one.charAt(0).toUpperCase() + r.one.slice(1);
  return {
    create: () =>
      Route('post', undefined, {
        roles: r.writers,
        summary: `Register ${r.one}${r.registerNote ?? ''}`,
        created: r.response,
        errors: { 409: `${duplicate} with the same natural key exists`, 422: RULE_BROKEN },
      }),
    list: () => Route('get', undefined, { summary: `List ${r.many}, filtered and paged`, ok: r.page }),
    get: () =>
      Route('get', ':id', {
        summary: `One ${r.one.replace(/^an? /, '')} by id`,
        ok: r.response,
        errors: { 404: r.notFound },
      }),
    update: () =>
      Route('patch', ':id', {
        roles: r.writers,
        summary: `Change some fields of ${r.one}`,
        ok: r.response,
        errors: { 404: r.notFound, 409: 'Conflicts with its current state or another row', 422: RULE_BROKEN },
      }),
    remove: () =>
      Route('delete', ':id', {
        roles: r.writers,
        summary: `Delete ${r.one}`,
        noContent: 'Deleted',
        errors: { 404: r.notFound, 409: 'Still referenced (e.g. by deals or proposals)' },
      }),
  };
}
