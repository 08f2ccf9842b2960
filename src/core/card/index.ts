/** Card rules (brand, Luhn, lengths, expiry, formatting): pure, shared by the card frame, its host element and tests. */
export * from './brands.js';
export * from './luhn.js';
export * from './validate.js';
export * from './format.js';
