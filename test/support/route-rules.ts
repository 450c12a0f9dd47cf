import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '../../apps/api/src/auth/public.decorator';
import { ROLES_KEY } from '../../apps/api/src/auth/roles.decorator';
import type { TestApp } from './test-app';

export interface RouteRule {
  isPublic: boolean;
  roles?: string[];
}

export function routeKey(method: string, openApiPath: string): string {
  return `${method.toUpperCase()} ${openApiPath}`;
}

/** Every operation of the served OpenAPI document (the authorisation matrix's rows). */
export async function documentRoutes(t: TestApp): Promise<Array<{ method: string; path: string }>> {
  const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((method) => ({ method, path })),
  );
}

/** @Public() and @Roles() of every handler, keyed like the OpenAPI document ("GET /api/supply-lots/{id}"). */
export function routeRules(t: TestApp): Map<string, RouteRule> {
  const out = new Map<string, RouteRule>();
  for (const mod of t.app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as any;
      if (!cls?.prototype) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '')[0];
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = cls.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler);
        const verb = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (sub === undefined || verb === undefined) continue;
        for (const p of ([] as string[]).concat(sub)) {
          const path = ('/api/' + [base, p].filter((s) => s && s !== '/').join('/'))
            .replace(/\/+/g, '/')
            .replace(/\/$/, '')
            .replace(/:([A-Za-z0-9_]+)/g, '{$1}');
          const isPublic =
            Reflect.getMetadata(IS_PUBLIC_KEY, handler) ?? Reflect.getMetadata(IS_PUBLIC_KEY, cls) ?? false;
          const roles = Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, cls);
          out.set(`${RequestMethod[verb]} ${path}`, { isPublic, roles });
        }
      }
    }
  }
  return out;
}
