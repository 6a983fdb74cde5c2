/**
 * The REST API's route table: each route names its zod schemas once, and from them come the run-time
 * validation of params, query and body, the TypeScript types of the handler, and the OpenAPI document.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BulwarkError } from '../../errors/index.ts';
import type { Role } from '../../hub/index.ts';
import type { ApiContext, MemberCaller } from './api-context.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

const EMPTY = z.object({});
type Empty = typeof EMPTY;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: MemberCaller;
  request: FastifyRequest;
  ctx: ApiContext;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Under /api/v1, OpenAPI style: `/objects/{id}`. */
  path: string;
  summary: string;
  tag: string;
  /** The least role that may call it. */
  role: Role;
  params?: P;
  query?: Q;
  body?: B;
  response: z.ZodType;
  /** The success status; 200 unless given. */
  status?: number;
  /** The audit action of a route that changes or reveals hub records: a failure is audited under it. */
  action?: string;
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** A route with its types erased, as the table, the registrar and the OpenAPI generator see it. */
export interface ApiRoute {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  role: Role;
  status: number;
  action: string | undefined;
  schemas: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; response: z.ZodType };
  run(request: FastifyRequest, caller: MemberCaller, ctx: ApiContext): Promise<unknown>;
}

function pathOf(where: string, issue: z.core.$ZodIssue): string {
  return [where, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Parses one part of the request, or answers 400 naming the first offending property. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = pathOf(where, issue);
  throw new BulwarkError('BAD_REQUEST', `${path}: ${issue.message}`, {
    path,
    hint: 'See the request schema in /api/v1/openapi.json',
    details: {
      issues: result.error.issues.slice(0, 10).map((i) => ({ path: pathOf(where, i), message: i.message })),
    },
  });
}

export function defineRoute<
  P extends z.ZodType = Empty,
  Q extends z.ZodType = Empty,
  B extends z.ZodType = Empty,
>(spec: RouteSpec<P, Q, B>): ApiRoute {
  const params = (spec.params ?? EMPTY) as P;
  const query = (spec.query ?? EMPTY) as Q;
  const body = (spec.body ?? EMPTY) as B;
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    role: spec.role,
    status: spec.status ?? 200,
    action: spec.action,
    schemas: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: spec.body } : {}),
      response: spec.response,
    },
    run: (request, caller, ctx) =>
      spec.handle({
        params: validate(params, request.params ?? {}, 'params'),
        query: validate(query, request.query ?? {}, 'query'),
        body: validate(body, spec.body ? request.body : {}, 'body'),
        caller,
        request,
        ctx,
      }),
  };
}
