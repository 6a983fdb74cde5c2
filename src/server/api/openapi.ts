/**
 * The OpenAPI 3.1 document, generated from the route table's zod schemas (the same ones that validate
 * the requests), so the document cannot drift from what the server accepts.
 */
import { z } from 'zod';
import type { ApiRoute } from './api-route.ts';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** Path or query parameters: one entry per property of the object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, Json>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const ERROR = {
  description: 'An error of the catalogue',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string' },
          title: { type: 'string' },
          message: { type: 'string' },
          path: { type: 'string' },
          objectId: { type: 'string' },
          hint: { type: 'string' },
        },
      },
    },
  },
};

function operation(route: ApiRoute): Json {
  return {
    summary: route.summary,
    tags: [route.tag],
    operationId: `${route.method.toLowerCase()}${route.path
      .replace(/[{}]/g, '')
      .replace(/\/(\w)/g, (_m, c: string) => c.toUpperCase())
      .replace(/\W/g, '')}`,
    'x-bulwark-role': route.role,
    parameters: [...parameters(route.schemas.params, 'path'), ...parameters(route.schemas.query, 'query')],
    ...(route.schemas.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(route.schemas.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.status)]: {
        description: 'Success',
        content: { 'application/json': { schema: jsonSchema(route.schemas.response, 'output') } },
      },
      '400': ERROR,
      '401': ERROR,
      '403': ERROR,
      '404': ERROR,
    },
  };
}

export function openApiDocument(routes: readonly ApiRoute[], prefix: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = `${prefix}${route.path}`;
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Bulwark REST API',
      version: '1',
      description:
        'Search, objects, incident reports and administration. Every answer holds only what the calling key’s organisation may read (TLP 2.0); what it may not read is 404.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
