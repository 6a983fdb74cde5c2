/** The alert engine a server runs beside its store (create-server attaches it; the alert routes find it). */
import type { AlertEngine } from '../../alerts/index.ts';
import { BulwarkError } from '../../errors/index.ts';
import type { Store } from '../../store/index.ts';

const engines = new WeakMap<Store, AlertEngine>();

export function attachAlertEngine(store: Store, engine: AlertEngine): void {
  engines.set(store, engine);
}

export function alertEngineOf(store: Store): AlertEngine {
  const engine = engines.get(store);
  if (!engine) {
    throw new BulwarkError('NOT_FOUND', 'This hub runs no freeze-alert engine', {
      hint: 'Freeze alerts need the chain graph beside the hub: start it with bulwark serve',
    });
  }
  return engine;
}
