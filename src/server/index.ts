/** Public surface of server/. */
export {};
