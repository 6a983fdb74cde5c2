/** Public surface of the demo: the whole story on a local chain, end to end. */
export { type DemoReport, type DemoStep, type Judged, runDemo } from './run-demo.ts';
export { scenarioServices, truthWithStops } from './scenario-services.ts';
