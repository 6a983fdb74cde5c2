import { filtersSuite } from './filters-suite.ts';
import { openTaxiiHub } from './taxii-hub.ts';

filtersSuite('SQLite', () => openTaxiiHub());
