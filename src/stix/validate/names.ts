/** Custom property names (section 11.1): lowercase ASCII letters, digits and underscore, 3–250 characters. */
export const CUSTOM_PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;
/** Type names (section 2.14): lowercase ASCII letters, digits and single hyphens, 3–250 characters. */
export const TYPE_NAME = /^(?=.{3,250}$)[a-z0-9](?:[a-z0-9]|-(?!-))*$/;
export const HEX = /^(?:[0-9a-fA-F]{2})*$/;
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const DECIMAL = /^\d+(?:\.\d+)?$/;
/** Dictionary keys (section 2.7): ASCII letters, digits, underscore and hyphen, at most 250 characters. */
export const DICTIONARY_KEY = /^[A-Za-z0-9_-]{1,250}$/;
