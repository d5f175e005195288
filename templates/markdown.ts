// Teacher-written Markdown (instructions) to HTML, with $…$ and $$…$$ math typeset by KaTeX at build time.
import MarkdownIt from "markdown-it";
import { typeset } from "./katex.js";
import { msg, render, withMessage, type Message } from "./i18n.js";

/** A teacher's Markdown could not be turned into a sheet (bad TeX): the message names the snippet. */
export class MarkdownError extends Error {
  constructor(m: Message | string) {
    super(render("en", m));
    withMessage(this, m);
    this.name = "MarkdownError";
  }
}

function math(src: string, display: boolean): string {
  try {
    return typeset(src, display);
  } catch (e) {
    const why = (e as Error).message.replace(/^KaTeX parse error: /, "");
    throw new MarkdownError(msg("cli.md.math", { src: `$${src}$`, why }));
  }
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.inline.ruler.after("escape", "math", (state, silent) => {
  const src = state.src;
  if (src[state.pos] !== "$") return false;
  const display = src[state.pos + 1] === "$";
  const open = display ? 2 : 1;
  const end = src.indexOf(display ? "$$" : "$", state.pos + open);
  if (end < 0 || end === state.pos + open) return false;
  if (!silent) {
    const tok = state.push(display ? "math_display" : "math_inline", "math", 0);
    tok.content = src.slice(state.pos + open, end);
  }
  state.pos = end + open;
  return true;
});
md.renderer.rules.math_inline = (tokens, idx) => math(tokens[idx].content, false);
md.renderer.rules.math_display = (tokens, idx) => math(tokens[idx].content, true);

export function markdownToHtml(text: string): string {
  return md.render(text);
}
