// DOM helpers: elements built with textContent only, and the one door for our own markup (KaTeX, SVG).
import katex from "katex";

type Attrs = Readonly<Record<string, string | undefined>>;
type Child = Node | string | null | undefined | false;

/** An element with attributes and children; strings become text nodes, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) e.setAttribute(k, v);
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(typeof c === "string" ? document.createTextNode(c) : c);
  return e;
}

/**
 * Markup we generate ourselves (our SVG from validated numbers), parsed inertly and adopted.
 * Parsing a style attribute is an inline style the CSP forbids, so style attributes are renamed
 * before parsing and applied through the CSSOM, which the CSP allows; the page needs no
 * 'unsafe-inline'. Scripts, event handlers and URLs are dropped as a last guard.
 */
export function trusted(markup: string, type: "text/html" | "image/svg+xml" = "text/html"): DocumentFragment {
  const renamed = markup.replace(/(\s)style=/g, "$1data-bp-style=");
  const doc = new DOMParser().parseFromString(type === "text/html" ? `<body>${renamed}</body>` : renamed, type);
  const root: Element = type === "text/html" ? doc.body : doc.documentElement;
  const frag = document.createDocumentFragment();
  const nodes = type === "text/html" ? Array.from(root.childNodes) : [root];
  for (const n of nodes) frag.append(adopt(n));
  return frag;
}

function adopt(n: Node): Node {
  if (n.nodeType === Node.TEXT_NODE) return document.createTextNode(n.textContent ?? "");
  if (n.nodeType !== Node.ELEMENT_NODE) return document.createDocumentFragment();
  const src = n as Element;
  const name = src.localName;
  if (name === "script" || name === "style" || name === "foreignObject" || name === "iframe") return document.createDocumentFragment();
  const out = document.createElementNS(src.namespaceURI, src.localName);
  let style = "";
  for (const a of Array.from(src.attributes)) {
    const an = a.name.toLowerCase();
    if (an === "data-bp-style") style = a.value;
    else if (an.startsWith("on") || an === "href" || an === "xlink:href" || an === "src") continue;
    else if (a.namespaceURI) out.setAttributeNS(a.namespaceURI, a.name, a.value);
    else out.setAttribute(a.name, a.value);
  }
  if (style) (out as HTMLElement | SVGElement).style.cssText = style;
  for (const c of Array.from(src.childNodes)) out.append(adopt(c));
  return out;
}

/**
 * A LaTeX formula rendered by KaTeX straight into the DOM (KaTeX sets its styles through the
 * CSSOM, so the strict CSP holds); a formula KaTeX refuses shows as its source text.
 *
 * With `lazy`, the formula is typeset only when it comes near the screen (an IntersectionObserver,
 * 800 px ahead): KaTeX's markup is most of the page's weight (about 7,000 elements for the classic
 * sheet, 60,000 for the softmax batch), and typesetting it all before the first box can take a key
 * made a slow phone wait seconds. Until then the formula shows as plain text.
 */
export function math(tex: string, display = false, lazy = false): Node {
  const span = el("span", { class: display ? "math display" : "math" });
  if (!lazy || typeof IntersectionObserver === "undefined") {
    typeset(span, tex, display);
    return span;
  }
  span.textContent = plain(tex);
  span.setAttribute("data-tex", tex);
  pending.set(span, { tex, display });
  observer().observe(span);
  return span;
}

function typeset(span: HTMLElement, tex: string, display: boolean): void {
  try {
    katex.render(tex, span, { displayMode: display, throwOnError: true, output: "htmlAndMathml", strict: "ignore", trust: false });
  } catch {
    span.textContent = tex;
  }
}

/** A formula's TeX as readable text while it waits: commands and braces dropped, \cdot as ·. */
function plain(tex: string): string {
  return tex
    .replace(/\\(?:mathit|mathrm|text|operatorname)\{([^}]*)\}/g, "$1")
    .replace(/\\cdot/g, "·")
    .replace(/\\(?:left|right)/g, "")
    .replace(/\\[a-zA-Z]+/g, "")
    .replace(/[{}]/g, "");
}

const pending = new WeakMap<Element, { tex: string; display: boolean }>();
let io: IntersectionObserver | null = null;
function observer(): IntersectionObserver {
  io ??= new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        const job = pending.get(e.target);
        io!.unobserve(e.target);
        if (!job) continue;
        pending.delete(e.target);
        e.target.removeAttribute("data-tex");
        typeset(e.target as HTMLElement, job.tex, job.display);
        const box = e.target.closest<HTMLElement>("[data-scroll]");
        if (box) fitScroll(box);
      }
    },
    { rootMargin: "800px 0px" },
  );
  return io;
}

/**
 * A box whose content may be wider than the screen (a long formula, the diagram on a phone): it
 * scrolls sideways, and while it is wider it takes keyboard focus (tabindex 0), so arrow keys scroll
 * it (WCAG 2.1.1; axe's scrollable-region-focusable). Checked again whenever its size changes, its
 * formula is typeset, or the window is resized.
 */
export function scrollable<E extends HTMLElement>(box: E): E {
  box.setAttribute("data-scroll", "");
  if (typeof ResizeObserver !== "undefined") resizes().observe(box);
  return box;
}

/** Focusable exactly while the box's content is wider than the box. */
export function fitScroll(box: HTMLElement): void {
  const wider = box.scrollWidth > box.clientWidth;
  if (wider && box.getAttribute("tabindex") !== "0") box.setAttribute("tabindex", "0");
  else if (!wider && box.hasAttribute("tabindex")) box.removeAttribute("tabindex");
}

let ro: ResizeObserver | null = null;
function resizes(): ResizeObserver {
  ro ??= new ResizeObserver((entries) => {
    for (const e of entries) fitScroll(e.target as HTMLElement);
  });
  return ro;
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  for (const c of children) if (c !== null && c !== undefined && c !== false) parent.append(typeof c === "string" ? document.createTextNode(c) : c);
}
