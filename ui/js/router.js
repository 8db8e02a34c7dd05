// @ts-check
// Which screen shows. Screens register their routes here; the router imports none of them. The
// route lives in the address after "#" (#/coalitions/ID/worksheets/vision/2), and every move is
// an entry in the window's history, so Back and Forward (Alt+Left, Alt+Right) go between
// screens. The page stays index.html, so its styles and scripts load the same way on every route.
import { h } from "./dom.js";

/** A route: its name and its parameters, e.g. {name: "worksheet", id, worksheet, step}. */
/** @typedef {{name: string} & Record<string, any>} Route */
/** @typedef {(root: HTMLElement, route: Route) => Promise<any>|any} Show */

/** @type {Map<string, {parts: string[], show: Show}>} */
const routes = new Map();

/** @type {{root: HTMLElement, mayLeave: () => Promise<boolean>, onFailure: (err: any) => void}|null} */
let app = null;
/** Where the shown screen is in the window's history, to undo a Back the person may not take. */
let position = 0;
/** Set while the router itself moves through history, so that move is not taken as the person's. */
let undoing = false;

/**
 * Registers a screen under a route. `path` has fixed words and `:parameters`, e.g.
 * "coalitions/:id/worksheets/:worksheet/:step"; "" is the first screen.
 * @param {string} name @param {string} path @param {Show} show
 */
export function addRoute(name, path, show) {
  if (routes.has(name)) throw new Error(`The route "${name}" is registered twice.`);
  routes.set(name, { parts: path === "" ? [] : path.split("/"), show });
}

/** The address of a route, for a link. @param {Route} route */
export function href(route) {
  const known = routes.get(route.name);
  if (!known) throw new Error(`There is no route named "${route.name}".`);
  const parts = known.parts.map((part) => {
    if (!part.startsWith(":")) return part;
    const value = route[part.slice(1)];
    if (value === undefined || value === null || value === "") throw new Error(`The route "${route.name}" needs ${part.slice(1)}.`);
    return encodeURIComponent(String(value));
  });
  return `#/${parts.join("/")}`;
}

/** The route an address names, or null. Parameters come back as text. @param {string} hash */
export function routeOf(hash) {
  if (!hash.startsWith("#/")) return null;
  const parts = hash.slice(2).split("/").filter((p) => p !== "");
  for (const [name, known] of routes) {
    if (known.parts.length !== parts.length) continue;
    /** @type {Route} */
    const route = { name };
    const fits = known.parts.every((part, i) => {
      if (part.startsWith(":")) {
        try { route[part.slice(1)] = decodeURIComponent(parts[i]); } catch { return false; }
        return true;
      }
      return part === parts[i];
    });
    if (fits) return route;
  }
  return null;
}

/** The route on screen now (the first screen when the address names none). */
export function currentRoute() {
  return routeOf(location.hash) ?? { name: "home" };
}

/**
 * Goes to a route: first asks whether the person may leave the screen (answers waiting to be
 * saved are saved), then records the move in history and shows the screen. `replace` puts the
 * route in place of the current one (a screen that sends the person elsewhere).
 * @param {Route} route
 * @param {{replace?: boolean}} [options]
 * @returns {Promise<boolean>} false when the person stays where they are
 */
export async function navigate(route, { replace = false } = {}) {
  if (!app) throw new Error("The router has not started.");
  if (!(await app.mayLeave())) return false;
  const address = href(route);
  if (replace || address === location.hash) {
    history.replaceState({ position }, "", address);
  } else {
    position += 1;
    history.pushState({ position }, "", address);
  }
  await show(route);
  return true;
}

/**
 * A link to a route: a real address (so it can be focused, read out and followed with Enter),
 * followed through `navigate`.
 * @param {Route} route @param {Record<string, any>|null} attrs @param {...any} children
 */
export function link(route, attrs, ...children) {
  return h("a", { ...attrs, href: href(route), onclick: (/** @type {MouseEvent} */ event) => {
    event.preventDefault();
    navigate(route);
  } }, ...children);
}

/** @param {Route} route */
async function show(route) {
  if (!app) return;
  const known = routes.get(route.name) ?? routes.get("home");
  try {
    await known?.show(app.root, route);
  } catch (err) {
    app.onFailure(err);
  }
  app.root.setAttribute("aria-busy", "false");
}

/**
 * Starts the router on the route the address names (the first screen when none).
 * @param {{root: HTMLElement, mayLeave: () => Promise<boolean>, onFailure: (err: any) => void}} options
 */
export async function startRouter(options) {
  const started = app !== null;
  app = options;
  if (started) return show(currentRoute());
  position = Number(history.state?.position) || 0;
  window.addEventListener("popstate", onHistoryMove);
  window.addEventListener("keydown", onKey);
  const route = currentRoute();
  history.replaceState({ position }, "", href(route));
  await show(route);
}

/** Back or Forward: the address has already changed; show its screen, or go back to where we were. */
async function onHistoryMove(/** @type {PopStateEvent} */ event) {
  if (!app) return;
  const target = Number(event.state?.position);
  if (undoing) {
    undoing = false;
    return;
  }
  // An address without our state (typed, or a plain "#" link) is a new step forward.
  if (!Number.isFinite(target)) {
    position += 1;
    history.replaceState({ position }, "", location.hash);
  } else if (!(await app.mayLeave())) {
    undoing = true;
    history.go(position - target);
    return;
  } else {
    position = target;
  }
  await show(currentRoute());
}

/** Alt+Left and Alt+Right go back and forward, as in a browser; not while a dialog is open. */
function onKey(/** @type {KeyboardEvent} */ event) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
  if (document.querySelector("dialog[open]")) return;
  event.preventDefault();
  if (event.key === "ArrowLeft") history.back();
  else history.forward();
}
