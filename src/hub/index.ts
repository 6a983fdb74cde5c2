/** Public surface of hub/. */
export {};
