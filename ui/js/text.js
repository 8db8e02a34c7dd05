// @ts-check
// Text for people. Every label, message and error the page writes comes from the catalog the
// Rust side hands over at start (core/text/LANGUAGE/AREA.toml), so another language is data, not
// code. `t("area.key", {name})` fills a text's {name} parameters; a text with number forms takes
// a `count`. An unknown key or a missing parameter throws: a mistake shows at once, never as a
// blank. This is the one module in ui/js allowed words of its own (core/tests/text.rs checks).

/** The texts of the language in use, by full key. @type {Map<string, string>} */
let texts = new Map();
let language = "";

/** Shown when the Rust side cannot be reached at all, so there is no catalog to ask. */
export const ENGINE_UNREACHABLE = "Common Ground's engine is not reachable. Please restart the app.";

/**
 * Takes the catalog for the page's language and fills the page's fixed text.
 * @param {{language: string, texts: Record<string, string>}} catalog
 */
export function useCatalog(catalog) {
  texts = new Map(Object.entries(catalog.texts));
  language = catalog.language;
  document.documentElement.lang = language;
  fillText(document);
}

/**
 * The text under `key`, with its parameters filled in.
 * @param {string} key e.g. "common.cancel"
 * @param {Record<string, string|number>} [params] e.g. {name: "Riverside"}; `count` picks a number form
 * @returns {string}
 */
export function t(key, params = {}) {
  let template = texts.get(key);
  if (template === undefined && typeof params.count === "number") {
    template = texts.get(`${key}.${params.count === 1 ? "one" : "other"}`);
  }
  if (template === undefined) throw new Error(`There is no text "${key}" in the "${language}" catalog.`);
  return template.replace(/\{([a-z][a-z0-9_]*)\}/g, (_, name) => {
    if (!(name in params)) throw new Error(`The text "${key}" needs the parameter "${name}".`);
    return String(params[name]);
  });
}

/**
 * Fixed text in the HTML: an element with data-text="KEY" gets that text as its content.
 * @param {ParentNode} root
 */
export function fillText(root) {
  for (const el of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll("[data-text]"))) {
    el.textContent = t(el.dataset.text || "");
  }
}
