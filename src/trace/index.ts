/** Public surface of trace/. */
export {};
