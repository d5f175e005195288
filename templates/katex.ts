// KaTeX at build time: TeX → HTML (cached, with flat vertical lists), and KaTeX's CSS with its woff2 fonts inlined.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import katex from "katex";

/** The part of KaTeX's build tree (its `__domTree` nodes) that flatVLists reads and rewrites. */
interface BoxNode {
  classes?: string[];
  style?: Record<string, string | undefined>;
  children?: BoxNode[];
  toMarkup(): string;
}

const renderToHTMLTree = (katex as unknown as { __renderToHTMLTree(src: string, o: katex.KatexOptions): BoxNode }).__renderToHTMLTree;

/** Class of a flattened vertical list; its rule is in FLAT_VLIST_CSS. */
const FLAT = "vlist-flat";

/**
 * KaTeX stacks scripts, fractions and delimiters in "vlists": an inline table of two rows whose first cell
 * holds each item in a zero-height block, lifted into place by `top` against a strut (`pstrut`) of height P.
 * Chromium lays such tables out and restyles them several times per print, and a sheet has about 240 of
 * them. A flat vlist keeps the cell (class `vlist`, so KaTeX's rules for its items still apply) and drops
 * the table around it: the cell becomes a zero-height inline-block lowered by P. Its baseline is that of
 * its items' line boxes, P below its top, so its top sits on the line's baseline, where the cell's content
 * sat before, and every item lands where it did. The depth row and Safari's strut cell (2px, cancelled by
 * the table's −2px margin) go. The table's extent in the line is not needed: the formula's own strut
 * (`.base > .strut`) is at least as tall and deep. A lone script goes further (singleScript). Test:
 * test/templates/katex-flat.test.ts lays out every formula of the golden sheets both ways in Chromium and
 * compares the position of every glyph.
 */
function flatVLists(node: BoxNode): void {
  const kids = node.children;
  if (kids === undefined) return;
  const scripts = node.classes?.includes("msupsub") === true;
  for (let k = 0; k < kids.length; k++) {
    const flat = (scripts ? singleScript(kids[k]) : undefined) ?? flatVList(kids[k]);
    if (flat !== undefined) kids[k] = flat;
    flatVLists(kids[k]);
  }
}

/** Class of a lone sub- or superscript's box; its rule is in FLAT_VLIST_CSS. */
const SCRIPT = "msupsub-item";

const em = (s: string | undefined): number | undefined => (s !== undefined && /^-?[\d.]+em$/.test(s) ? Number.parseFloat(s) : undefined);

/**
 * A lone subscript or superscript (a vlist of one item under `.msupsub`, most of a sheet's vlists):
 * the item itself, in a zero-height inline-block moved by `top` from the baseline to where the strut
 * put it (top + P). Its content keeps the inline-block display KaTeX gives an item. Two boxes fewer.
 */
function singleScript(table: BoxNode): BoxNode | undefined {
  const c = table.classes;
  if (c === undefined || c[0] !== "vlist-t" || c.some((x) => x !== "vlist-t" && x !== "vlist-t2") || Object.keys(table.style ?? {}).length > 0) return undefined;
  const cell = table.children?.[0]?.children?.[0];
  const item = cell?.children;
  if (item === undefined || item.length !== 1) return undefined;
  const wrap = item[0];
  const [pstrut, elem] = wrap.children ?? [];
  const style = wrap.style ?? {};
  const top = em(style.top);
  const p = em(pstrut?.style?.height);
  if (top === undefined || p === undefined || !pstrut.classes?.includes("pstrut") || elem === undefined || wrap.children!.length !== 2 || (wrap.classes ?? []).length > 0) return undefined;
  if (Object.keys(style).some((k) => k !== "top" && k !== "marginLeft" && k !== "marginRight")) return undefined;
  wrap.classes = [SCRIPT];
  wrap.style = { ...style, top: `${+(top + p).toFixed(4)}em` };
  wrap.children = [elem];
  return wrap;
}

function flatVList(table: BoxNode): BoxNode | undefined {
  if (!table.classes?.includes("vlist-t")) return undefined;
  const cell = table.children?.[0]?.children?.[0];
  const pstrut = cell?.children?.[0]?.children?.[0];
  const p = pstrut?.style?.height;
  if (cell === undefined || !cell.classes?.includes("vlist") || !pstrut?.classes?.includes("pstrut") || p === undefined) return undefined;
  // The table's other classes stay, for KaTeX's `.accent > .vlist-t` and the like; vlist-t2's −2px margin goes with the strut cell.
  cell.classes = [...table.classes.filter((c) => c !== "vlist-t2"), "vlist", FLAT];
  cell.style = { ...table.style, verticalAlign: `-${p}` };
  return cell;
}

/** Beats KaTeX's `.katex .vlist-t` and `.katex .vlist` (two classes each) by specificity, not by order. */
const FLAT_VLIST_CSS = `.katex .vlist-t.vlist.${FLAT}{display:inline-block;height:0}.katex .${SCRIPT}{display:inline-block;height:0;position:relative}.katex .${SCRIPT}>span{display:inline-block}`;

/** HTML of one TeX snippet, vertical lists flattened; throws KaTeX's ParseError on bad TeX. */
export function typeset(src: string, display: boolean): string {
  const tree = renderToHTMLTree(src, { displayMode: display, throwOnError: true, output: "html", strict: "ignore" });
  flatVLists(tree);
  return tree.toMarkup();
}

const cache = new Map<string, string>();

/** HTML of one TeX snippet; a TeX error is a bug in our own labels or formulas, so it throws with the source. */
export function tex(src: string, display = false): string {
  const k = `${display ? "D" : "I"}${src}`;
  let html = cache.get(k);
  if (html === undefined) {
    try {
      html = typeset(src, display);
    } catch (e) {
      throw new Error(`internal: KaTeX cannot typeset "${src}": ${(e as Error).message}`);
    }
    cache.set(k, html);
  }
  return html;
}

let css: string | undefined;

/** KaTeX's stylesheet, self-contained (woff2 fonts as data URLs, the woff/ttf fallbacks dropped), plus the flat vlists' rule. */
export function katexCss(): string {
  if (css !== undefined) return css;
  const require = createRequire(import.meta.url);
  const file = require.resolve("katex/dist/katex.min.css");
  const dir = dirname(file);
  css = readFileSync(file, "utf8").replace(/src:([^;}]*)/g, (_m, list: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(list);
    if (!woff2) return `src:${list}`;
    const data = readFileSync(join(dir, woff2[1])).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  }) + FLAT_VLIST_CSS;
  return css;
}
