/** Public surface of the error catalogue. */
export {
  BulwarkError,
  type BulwarkErrorOptions,
  describePlace,
  type ErrorPlace,
  isBulwarkError,
} from './bulwark-error.ts';
export { type ErrorName, type ErrorSpec, Errors } from './catalogue.ts';
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeOf } from './exit-code.ts';
