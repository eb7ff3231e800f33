// Number formatting shared by the page's modules.

/** A count with thousands separators (1,234); null or undefined reads as 0. */
export const count = (value) => Number(value ?? 0).toLocaleString('en');
