/** Public surface of payments/. */
export {};
