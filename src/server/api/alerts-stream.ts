/**
 * GET /alerts/stream: the caller's organisation's new alerts as server-sent events (`event: alert`,
 * the alert JSON as data), with a heartbeat comment so proxies and clients see a live connection.
 * Outside the route table because the reply is a stream, not one JSON document; its OpenAPI entry is
 * added beside the others.
 */
import type { FastifyInstance } from 'fastify';
import { alertEngineOf } from './alerts-context.ts';
import { type ApiContext, memberCaller } from './api-context.ts';

export const ALERT_STREAM_PATH = '/alerts/stream';
export const HEARTBEAT_MS = 15_000;

export function registerAlertStream(api: FastifyInstance, ctx: ApiContext, heartbeatMs = HEARTBEAT_MS): void {
  api.get(ALERT_STREAM_PATH, async (request, reply) => {
    const caller = await memberCaller(ctx, request, 'reader');
    const engine = alertEngineOf(ctx.store);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    const unsubscribe = engine.bus.subscribe(caller.orgId, (alert) => {
      res.write(`id: ${alert.id}\nevent: alert\ndata: ${JSON.stringify(alert)}\n\n`);
    });
    const beat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    request.raw.on('close', () => {
      clearInterval(beat);
      unsubscribe();
    });
  });
}

/** The stream's entry in the OpenAPI document. */
export function alertStreamOperation(): Record<string, unknown> {
  return {
    get: {
      summary: "The caller's organisation's new freeze alerts as server-sent events",
      tags: ['alerts'],
      operationId: 'getAlertsStream',
      'x-bulwark-role': 'reader',
      responses: {
        '200': {
          description:
            '`event: alert` with the alert JSON (as GET /alerts lists it) as data; `: heartbeat` comments',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
      },
    },
  };
}
