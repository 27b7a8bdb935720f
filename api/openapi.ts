/**
 * The OpenAPI document, generated from the routes themselves: each route's guard gives its summary and who may
 * call it, its validators give the request schemas. A route cannot be added without appearing here.
 */
import type { Hono } from 'hono';
import { z, type ZodType } from 'zod';
import type { Guard, RouteSpec } from './http.ts';

export interface RouteInfo {
  method: string;
  path: string;
  spec: RouteSpec;
  body?: ZodType;
  query?: ZodType;
}

/** Every described route of the app, once per method and path. */
export function describedRoutes(app: Hono<any>): RouteInfo[] {
  const found = new Map<string, RouteInfo>();
  for (const r of app.routes) {
    const h = r.handler as Partial<Guard> & { target?: string; schema?: ZodType };
    const key = `${r.method} ${r.path}`;
    if (h.spec) found.set(key, { method: r.method, path: r.path, spec: h.spec });
    const info = found.get(key);
    if (info && h.schema && h.target === 'json') info.body = h.schema;
    if (info && h.schema && h.target === 'query') info.query = h.schema;
  }
  return [...found.values()];
}

const schemaOf = (s: ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
};

export function openApiDocument(app: Hono<any>) {
  const paths: Record<string, Record<string, unknown>> = {};
  // Web pages and SCIM are guarded and listed like API routes (for the access tests), but are no part of the API.
  for (const r of describedRoutes(app).filter((route) => !route.spec.web && !route.spec.scim)) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = r.query ? (schemaOf(r.query) as { properties?: Record<string, unknown> }) : undefined;
    for (const [name, schema] of Object.entries(query?.properties ?? {}))
      params.push({ name, in: 'query', required: false, schema: schema as never });
    const roles =
      r.spec.roles === 'public'
        ? 'no token needed'
        : r.spec.roles === 'any'
          ? 'any signed-in person'
          : r.spec.roles.join(', ');
    (paths[path] ??= {})[r.method.toLowerCase()] = {
      summary: r.spec.summary,
      description: `Who: ${roles}${r.spec.extension ? ' (extension tokens too)' : ''}.`,
      security: r.spec.roles === 'public' ? [] : [{ bearer: [] }],
      parameters: params,
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body) } } } }
        : {}),
      responses: {
        '2XX': { description: 'Success' },
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Zuiver conflicts registry', version: '1.0.0' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
