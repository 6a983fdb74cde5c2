/** Public surface of taxii/. */
export {};
