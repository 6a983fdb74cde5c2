/**
 * Public surface of the STIX 2.1 core: the type registry, validation, id derivation, TLP markings,
 * index terms and references for the store, and the patterning parser.
 */
export {};
