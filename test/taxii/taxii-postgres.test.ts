/** The same TAXII suite over PostgreSQL: the community and private-collection filters in its dialect. */
import { test } from 'node:test';
import { freshPostgresSchema, requirePostgres } from '../support/services.ts';
import { filtersSuite } from './filters-suite.ts';
import { openTaxiiHub } from './taxii-hub.ts';

const url = await requirePostgres();
if (url === undefined) {
  test('TAXII over PostgreSQL', (t) => t.skip('PostgreSQL is not reachable'));
} else {
  filtersSuite('PostgreSQL', async () => {
    const { schema, drop } = await freshPostgresSchema(url, 'bulwark_taxii');
    const hub = await openTaxiiHub({ db: url, schema });
    return {
      ...hub,
      close: async () => {
        await hub.close();
        await drop();
      },
    };
  });
}
