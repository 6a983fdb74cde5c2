/** Public surface of the HTTP shell. */
export { createServer, type ServerOptions } from './create-server.ts';
