// @ts-check
// Money in the page's own inputs: a saved amount put back in its box. What was typed goes to the
// core as it is (it alone reads numbers); everything shown elsewhere comes as text from the core
// (crate::format).

/** @param {number} cents */
export function formatMoney(cents) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${whole}.${String(abs % 100).padStart(2, "0")}`;
}
