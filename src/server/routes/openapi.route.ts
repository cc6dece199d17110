import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

import { ApiErrorBody } from '../../contract/api-error.contract';
import { endpoints, type Endpoint } from '../../contract/endpoints.contract';
import { sessionCookieName } from '../http/session-cookie';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is not valid',
  401: 'No valid session',
  403: 'Refused: role, CSRF header, JSON body or Origin',
  404: 'Not found, or not a member of the case',
  409: 'Conflict with the current state',
  410: 'Sync cursor compacted away (or ahead of the server): bootstrap again',
  413: 'Body too large',
  429: 'Too many attempts; see Retry-After',
};

function operation(name: string, e: Endpoint): JsonSchema {
  const parameters: JsonSchema[] = [];
  if (e.params) {
    const props = (schemaOf(e.params, 'input').properties ?? {}) as Record<string, JsonSchema>;
    for (const [param, schema] of Object.entries(props))
      parameters.push({ name: param, in: 'path', required: true, schema });
  }
  if (e.body)
    parameters.push({
      name: 'X-Waymark-Request',
      in: 'header',
      required: true,
      description: 'CSRF guard: every mutating request carries it, with a JSON body.',
      schema: { type: 'string', enum: ['1'] },
    });
  const responses: Record<string, JsonSchema> = {
    [String(e.status)]: {
      description: 'Success',
      content: { 'application/json': { schema: schemaOf(e.response, 'output') } },
    },
  };
  for (const status of new Set([...e.errors, ...(e.body ? [403, 413] : [])]))
    responses[String(status)] = {
      description: ERROR_TEXT[status] ?? 'Error',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
    };
  return {
    operationId: name,
    summary: e.summary,
    security: e.auth ? [{ session: [] }] : [],
    ...(parameters.length ? { parameters } : {}),
    ...(e.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(e.body, 'input') } },
          },
        }
      : {}),
    responses,
  };
}

/** OpenAPI 3.1, generated from the same contract table the routes are registered from. */
export function buildOpenApiDocument(version: string, https: boolean): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [name, e] of Object.entries(endpoints) as [string, Endpoint][]) {
    const path = e.path.replace(/:(\w+)/g, '{$1}');
    (paths[path] ??= {})[e.method.toLowerCase()] = operation(name, e);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Waymark team server',
      version,
      description:
        'Accounts, cases with per-case roles, and an append-only hash-chained audit trail. Every ' +
        'mutating request needs a JSON body and the header X-Waymark-Request: 1.',
    },
    paths,
    components: {
      schemas: { ApiError: schemaOf(ApiErrorBody, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(https) } },
    },
  };
}

export function registerOpenApiRoute(app: FastifyInstance, version: string, https: boolean): void {
  const document = buildOpenApiDocument(version, https);
  app.get('/api/openapi.json', () => document);
}
