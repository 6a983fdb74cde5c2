/**
 * What a server with a chain graph runs beside the hub: one taint registry shared by screening (the
 * indirect exposure) and the freeze-alert engine (which alone moves it, polling the graph head),
 * stopped when the server closes.
 */
import type { FastifyInstance } from 'fastify';
import { AlertEngine, type DeliveryOptions } from '../../alerts/index.ts';
import { TaintRegistry } from '../../screen/index.ts';
import type { Store } from '../../store/index.ts';
import { attachAlertEngine } from './alerts-context.ts';
import { setScreeningExposure } from './screen.ts';

export interface AlertOptions {
  /** Graph head poll interval (default 250 ms). */
  pollMs?: number;
  /** Hop limit of the taint (default 6). */
  hops?: number;
  webhook?: DeliveryOptions;
}

export function startAlerts(
  app: FastifyInstance,
  store: Store,
  graphDir: string,
  o: AlertOptions = {},
): AlertEngine {
  const registry = new TaintRegistry({ graphDir, hops: o.hops });
  const engine = new AlertEngine({
    store,
    registry,
    pollMs: o.pollMs,
    webhook: o.webhook,
    onError: (error) => app.log.error({ err: error }, 'freeze-alert engine'),
    onDelivery: (id, result) => {
      if (!result.ok) app.log.warn({ alert: id, ...result }, 'webhook delivery failed');
    },
  });
  attachAlertEngine(store, engine);
  setScreeningExposure(store, (index) => registry.exposureFor(index));
  app.addHook('onReady', async () => engine.start());
  app.addHook('onClose', async () => {
    // webhook retries still under way are not waited for: they could hold a shutdown for a minute
    await engine.stop();
    registry.close();
  });
  return engine;
}
