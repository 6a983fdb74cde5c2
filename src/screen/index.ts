/** Public surface of screen/. */
export {};
