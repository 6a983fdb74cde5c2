/** Public surface of chain/. */
export {};
