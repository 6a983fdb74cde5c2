/** Public surface of the demo: the whole story on a local chain, end to end. */
export { type DemoReport, type DemoStep, runDemo } from './run-demo.ts';
