// Typst math for the print engine: the one place printed formulas pass through (templates/typst.ts).
//
// INTERIM (issue 17 item 2 is the formula helper's): the view model still carries formulas as TeX
// strings, so this reads the small TeX subset the ops write (about 30 commands, listed below) and
// writes Typst math. When the ops' formulas become data (templates/formula.ts, toTypst), mathTypst
// switches to that renderer and this reader goes away.

const SYMBOLS: Readonly<Record<string, string>> = {
  cdot: "dot.c", partial: "partial", ldots: "...", sum: "sum", quad: "quad",
  eta: "eta", sigma: "sigma", delta: "delta", gamma: "gamma", theta: "theta", alpha: "alpha", beta: "beta",
  ln: "ln", exp: "exp", max: "max", min: "min", tanh: "tanh", log: "log",
  ",": "thin", ";": "med", ":": "med", " ": "space", "!": "", "{": "{", "}": "}", "|": "bar.v.double",
};

/** Groups and single tokens of a TeX string. */
type Node = string | Node[];

function tokenize(tex: string): string[] {
  return tex.match(/\\[a-zA-Z]+|\\[^a-zA-Z]|\s+|[0-9]+(?:\.[0-9]+)?|./gsu) ?? [];
}

function parse(tokens: string[], at: { i: number }, until?: string): Node[] {
  const out: Node[] = [];
  while (at.i < tokens.length) {
    const tk = tokens[at.i++];
    if (tk === "}" && until === "}") return out;
    if (tk === "{") out.push(parse(tokens, at, "}"));
    else out.push(tk);
  }
  return out;
}

/** Characters Typst math reads as syntax, written escaped. */
const ESCAPE = new Set(["/", "#", "$", "&", "@", "*", '"', ";", ",", "<", "[", "]", "?", "\\", "~", "`", "%"]);

class Writer {
  constructor(private readonly nodes: Node[]) {}
  private i = 0;
  private next(): Node | undefined {
    return this.nodes[this.i++];
  }
  /** One argument: a group, or the next single token. */
  private arg(): string {
    const n = this.next();
    return n === undefined ? "" : write(Array.isArray(n) ? n : [n]);
  }
  private rawArg(): string {
    const n = this.next();
    if (n === undefined) return "";
    return (Array.isArray(n) ? n : [n]).map((x) => (Array.isArray(x) ? "" : x)).join("");
  }
  run(): string {
    const parts: string[] = [];
    let n: Node | undefined;
    while ((n = this.next()) !== undefined) {
      if (Array.isArray(n)) {
        parts.push(write(n));
        continue;
      }
      if (/^\s+$/.test(n)) continue;
      if (n === "^" || n === "_") {
        parts.push(`${n}(${this.arg()})`);
        continue;
      }
      if (n.startsWith("\\")) {
        const name = n.slice(1);
        switch (name) {
          case "frac": case "tfrac": case "dfrac": {
            const f = `frac(${this.arg()}, ${this.arg()})`;
            parts.push(name === "tfrac" ? `inline(${f})` : name === "dfrac" ? `display(${f})` : f);
            break;
          }
          case "mathit": parts.push(`italic("${this.rawArg()}")`); break;
          case "mathrm": parts.push(`upright("${this.rawArg()}")`); break;
          case "mathbb": parts.push(`bb(${this.arg()})`); break;
          case "hat": parts.push(`hat(${this.arg()})`); break;
          case "left": case "right": case "big": case "Big": case "bigg": case "displaystyle": break;
          default: {
            const sym = SYMBOLS[name];
            if (sym === undefined) throw new Error(`internal: no Typst math for \\${name}`);
            parts.push(sym);
          }
        }
        continue;
      }
      if (n === "|") parts.push("bar.v");
      else if (n === "'") parts.push("'");
      else if (ESCAPE.has(n)) parts.push(`\\${n}`);
      else if (n === "-") parts.push("-");
      else parts.push(n);
    }
    // Letters side by side stay separate variables: a space between word characters; attachments join on.
    let s = "";
    for (const p of parts) {
      if (p === "") continue;
      if (s !== "" && !/^[\^_']/.test(p) && /[\p{L}\p{N}")]$/u.test(s) && /^[\p{L}\p{N}"]/u.test(p)) s += " ";
      else if (s !== "" && /^[a-z]/.test(p) && /[a-z.]$/.test(s)) s += " ";
      s += p;
    }
    return s;
  }
}

function write(nodes: Node[]): string {
  return new Writer(nodes).run();
}

/** A formula (TeX as the view model carries it today) as Typst math, without the dollar signs. */
export function mathTypst(tex: string): string {
  return write(parse(tokenize(tex), { i: 0 }));
}
