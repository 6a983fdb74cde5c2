/** Public surface of feeds/. */
export {};
