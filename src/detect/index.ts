/** Public surface of detect/. */
export {};
