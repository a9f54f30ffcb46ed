import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import path from 'node:path';

/** `METHOD /path/{param}`, as the OpenAPI document names a route. */
export type RouteKey = string;

type Class = { new (...args: never[]): unknown; prototype: Record<string, unknown> };

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : [value ?? '/']).map(String);
const joinPath = (...parts: string[]): string =>
  `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1').replace(/:(\w+)/g, '{$1}');

function modulesFrom(root: unknown, seen = new Set<unknown>()): unknown[] {
  const module = (root as { module?: unknown } | null)?.module ?? root;
  if (!module || seen.has(module)) return [];
  seen.add(module);
  const imports: unknown[] = Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? [];
  return [module, ...imports.flatMap((m) => modulesFrom(m, seen))];
}

/**
 * Every route the API serves, read from Nest's own routing metadata of the compiled application (`npm test` builds
 * first): what the router will register, whether or not the OpenAPI document lists it.
 */
export function nestRoutes(): RouteKey[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { AppModule } = require(path.resolve(__dirname, '../../dist/apps/api/src/app.module.js'));
  const routes = new Set<RouteKey>();
  for (const module of modulesFrom(AppModule)) {
    const controllers: Class[] = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, module as object) ?? [];
    for (const controller of controllers) {
      const bases = asList(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
        if (method === undefined || !Reflect.hasMetadata(PATH_METADATA, handler)) continue;
        for (const base of bases) {
          for (const sub of asList(Reflect.getMetadata(PATH_METADATA, handler))) routes.add(`${RequestMethod[method]} ${joinPath(base, sub)}`);
        }
      }
    }
  }
  return [...routes].sort();
}

/** The routes of the OpenAPI document (GET /docs-json). */
export function documentedRoutes(doc: { paths: Record<string, Record<string, unknown>> }): RouteKey[] {
  return Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
}

/** Fills `{param}` placeholders. */
export const fillPath = (route: RouteKey, params: Record<string, string>): string =>
  route.split(' ')[1].replace(/\{(\w+)\}/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for {${name}} in ${route}`);
    return encodeURIComponent(params[name]);
  });
