// @ts-check
// Turning stored values into short text for lists and the review page.

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

/** @param {string} iso YYYY-MM-DD */
export function formatDate(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** @param {any[]} options @param {string} id */
function optionLabel(options, id) {
  return options?.find((o) => o.id === id)?.label ?? id;
}

/**
 * A field value (table cell or record field) as text.
 * @param {any} field @param {any} value
 */
export function formatField(field, value) {
  if (value === undefined || value === null || value === "") return "";
  switch (field.kind) {
    case "money": return formatMoney(Number(value));
    case "date": return formatDate(String(value));
    case "yes_no": return value ? "Yes" : "No";
    case "rating": return `${value} of 5`;
    case "single_choice": return optionLabel(field.options, String(value));
    default: return String(value);
  }
}

/**
 * An answer as text for the review page; "" when empty.
 * @param {any} question @param {any} value
 */
export function formatAnswer(question, value) {
  if (value === undefined || value === null) return "";
  switch (question.kind) {
    case "short_text": case "long_text": return String(value);
    case "list": return value.map((/** @type {string} */ item, /** @type {number} */ i) => `${i + 1}. ${item}`).join("\n");
    case "single_choice": {
      const label = optionLabel(question.options, value.choice);
      return value.choice === "other" && value.other ? `Other: ${value.other}` : label;
    }
    case "multi_choice": {
      const labels = (value.choices || []).filter((/** @type {string} */ c) => c !== "other").map((/** @type {string} */ c) => optionLabel(question.options, c));
      if (value.other) labels.push(`Other: ${value.other}`);
      return labels.join("; ");
    }
    case "rating": {
      const scale = question.scale?.length === 2 ? ` (1 = ${question.scale[0]}, 5 = ${question.scale[1]})` : "";
      return `${value} of 5${scale}`;
    }
    case "number": return Number(value).toLocaleString("en-US");
    case "money": return formatMoney(Number(value));
    case "date": return formatDate(String(value));
    case "table": return value.map((/** @type {any} */ row) =>
      question.columns.map((/** @type {any} */ col) => formatField(col, row[col.id])).filter(Boolean).join(" · ")).join("\n");
    default: return JSON.stringify(value);
  }
}
