// @ts-check
// Money in the page's own inputs: a saved amount put back in its box, and what was typed read as
// cents. Everything shown elsewhere comes as text from the core (crate::format).

/** @param {number} cents */
export function formatMoney(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${whole}.${String(abs % 100).padStart(2, "0")}`;
}

/**
 * Reads what a person typed as money: "1,234.50", "$75", "-20". Returns cents, or null if it is
 * not a number at all (the Rust side judges whether the amount makes sense).
 * @param {string} text
 */
export function parseMoney(text) {
  const cleaned = text.replace(/[$€£,\s]/g, "");
  if (cleaned === "") return null;
  if (!/^-?\d*(\.\d{0,2})?$/.test(cleaned) || cleaned === "-" || cleaned === ".") return NaN;
  return Math.round(Number(cleaned) * 100);
}
