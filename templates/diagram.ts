// The network as an SVG diagram: a pure function Exercise → SVG string (no DOM, no Node), shared with the site.
import type { Exercise } from "../generator/exercise.js";
import { formatNumber } from "./number.js";
import { escapeMarkup as esc } from "./escape.js";

export interface DiagramText {
  /** Column captions, e.g. {input: "输入层", hidden: "隐藏层", output: "输出层"}. */
  readonly input: string;
  readonly hidden: string;
  readonly output: string;
  /** Symbol of a target beside an output neuron, e.g. "t" or "y" (matches the notation). */
  readonly target: string;
  /** Symbol of the input neurons, "x" unless the notation says otherwise (classic: "i"). */
  readonly inputName?: string;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PlacedLabel extends Box {
  readonly text: string;
  /** For a weight: the neuron it feeds (its colour); otherwise 0. */
  readonly to: number;
  readonly kind: "weight" | "bias" | "input" | "target";
}

export interface Layout {
  /** Horizontal distance between columns: widened until every weight label finds a free spot. */
  readonly gap: number;
  readonly width: number;
  readonly height: number;
  readonly labels: readonly PlacedLabel[];
  /** Every label found a free spot (no overlap, no other weight's edge through it). */
  readonly clean: boolean;
}

const R = 19;
const FS = 12;
const ROW = 80;
const PAD = 8;
const COLORS = {
  input: { fill: "#e3efff", stroke: "#2f6db5", band: "#f2f7ff" },
  hidden: { fill: "#e4f5e4", stroke: "#2f8a3a", band: "#f3fbf3" },
  output: { fill: "#fff0dc", stroke: "#c36a0c", band: "#fff8ee" },
} as const;

// Edges into the same neuron share a hue (and so do their labels), so a label is matched to its edge at a glance.
const EDGE_HUES = ["#1d4f91", "#b03a2e", "#1e7b45", "#7b3f9e", "#8a6d0b"] as const;
const hue = (j: number) => EDGE_HUES[(j - 1) % EDGE_HUES.length];

const textWidth = (s: string, fs = FS) => Math.ceil([...s].length * fs * 0.6) + 6;
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
const f1 = (v: number) => String(Math.round(v * 10) / 10);

interface Geometry {
  readonly L: number;
  readonly colX: readonly number[];
  readonly node: (l: number, j: number) => { x: number; y: number };
  readonly biasNode: (l: number) => { x: number; y: number };
  readonly width: number;
  readonly height: number;
  readonly top: number;
  readonly batch: boolean;
}

function baseGap(ex: Exercise): number {
  const most = Math.max(...ex.layers);
  return most >= 4 ? 215 : most === 3 ? 200 : 185;
}

function geometry(ex: Exercise, gap: number, target: string, fs = FS): Geometry {
  const L = ex.layers.length - 1;
  const most = Math.max(...ex.layers);
  const batch = ex.samples.length > 1;
  const widest = (vs: readonly string[], prefix: string) => Math.max(0, ...vs.map((v) => textWidth(`${prefix}${formatNumber(v)}`, fs)));
  const left = batch ? 40 : Math.max(40, widest(ex.samples[0].x, "") + R + 18);
  const right = batch ? 40 : Math.max(40, widest(ex.samples[0].y, `${target} = `) + R + 18);
  const top = 34;
  const colX = ex.layers.map((_, l) => left + l * gap);
  // Rows grow with the labels: edges fanning out of a neuron leave room for bigger labels.
  const row = Math.round((ROW * fs) / FS);
  const bodyH = most * row;
  const shared = ex.bias === "shared";
  const node = (l: number, j: number) => ({ x: colX[l], y: top + (bodyH - ex.layers[l] * row) / 2 + (j - 0.5) * row });
  // A shared bias sits below the column it feeds from, like the "+1" unit in textbook figures.
  const biasNode = (l: number) => ({ x: colX[l - 1] + gap * 0.28, y: top + bodyH + 20 });
  const height = top + bodyH + (shared ? 44 : 6);
  return { L, colX, node, biasNode, width: colX[L] + right, height, top, batch };
}

/** A segment from a to b. */
interface Segment {
  readonly a: { readonly x: number; readonly y: number };
  readonly b: { readonly x: number; readonly y: number };
}

/** Whether the segment passes through the box (Liang–Barsky clipping). */
export function crosses(s: Segment, box: Box): boolean {
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [[-dx, s.a.x - box.x], [dx, box.x + box.w - s.a.x], [-dy, s.a.y - box.y], [dy, box.y + box.h - s.a.y]]) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** An edge of the diagram: a weight's (from input i ≥ 1) or a shared bias's (from 0), into neuron j of layer l. */
export interface Edge {
  readonly seg: Segment;
  readonly layer: number;
  readonly to: number;
  readonly from: number;
}

/** Every edge as drawn (weights from neuron rim to neuron rim, a shared bias's dashed line), in drawing order. */
function edgesIn(ex: Exercise, g: Geometry): Edge[] {
  const out: Edge[] = [];
  for (let l = 1; l <= g.L; l++)
    for (let j = 1; j <= ex.layers[l]; j++) {
      const b = g.node(l, j);
      for (let i = 1; i <= ex.layers[l - 1]; i++) {
        const a = g.node(l - 1, i);
        out.push({ seg: { a: { x: a.x + R, y: a.y }, b: { x: b.x - R, y: b.y } }, layer: l, to: j, from: i });
      }
      if (ex.bias === "shared") {
        const p = g.biasNode(l);
        out.push({ seg: { a: p, b: { x: b.x - R * 0.7, y: b.y + R * 0.7 } }, layer: l, to: j, from: 0 });
      }
    }
  return out;
}

/** The edges of a laid-out diagram (the geometry of its gap and label size). */
export function edgesOf(ex: Exercise, lay: Layout, target = "t", fs = FS): Edge[] {
  return edgesIn(ex, geometry(ex, lay.gap, target, fs));
}

/**
 * Where every label goes; weights are placed greedily at the first fraction along their edge that
 * collides with nothing and that no other edge crosses. `fs` is the labels' font size in the
 * diagram's units (12 on screens; larger where the diagram is printed small, see printDiagram).
 */
export function layoutDiagram(ex: Exercise, target = "t", fs = FS): Layout {
  let gap = baseGap(ex);
  for (let tries = 0; ; tries++, gap += 25) {
    const r = layoutWith(ex, target, gap, fs);
    if (r.clean || tries === 16) return r.layout;
  }
}

function layoutWith(ex: Exercise, target: string, gap: number, fs: number): { layout: Layout; clean: boolean } {
  const g = geometry(ex, gap, target, fs);
  let clean = true;
  const labels: PlacedLabel[] = [];
  const blocked: Box[] = [];
  for (let l = 0; l <= g.L; l++)
    for (let j = 1; j <= ex.layers[l]; j++) {
      const p = g.node(l, j);
      blocked.push({ x: p.x - R - 2, y: p.y - R - 2, w: 2 * R + 4, h: 2 * R + 4 });
    }
  const put = (lab: PlacedLabel) => {
    labels.push(lab);
    blocked.push(lab);
  };
  if (!g.batch) {
    ex.samples[0].x.forEach((v, i) => {
      const p = g.node(0, i + 1);
      const text = formatNumber(v);
      const w = textWidth(text, fs);
      put({ kind: "input", text, to: 0, x: p.x - R - 14 - w, y: p.y - fs / 2 - 2, w, h: fs + 4 });
    });
    ex.samples[0].y.forEach((v, j) => {
      const p = g.node(g.L, j + 1);
      const text = formatNumber(v);
      const w = textWidth(`${target} = ${text}`, fs);
      put({ kind: "target", text, to: 0, x: p.x + R + 14, y: p.y - fs / 2 - 2, w, h: fs + 4 });
    });
  }
  for (let l = 1; l <= g.L; l++) {
    if (ex.bias === "per_neuron")
      ex.biases[l - 1].forEach((v, j) => {
        const p = g.node(l, j + 1);
        const text = formatNumber(v);
        const w = textWidth(`b = ${text}`, fs - 1);
        put({ kind: "bias", text, to: 0, x: p.x - w / 2, y: p.y - R - fs - 6, w, h: fs + 3 });
      });
    if (ex.bias === "shared") {
      const p = g.biasNode(l);
      const text = formatNumber(ex.biases[l - 1][0]);
      const w = textWidth(`b = ${text}`, fs);
      put({ kind: "bias", text, to: 0, x: p.x - w / 2, y: p.y - (fs + 8) / 2, w, h: fs + 8 });
    }
  }
  // A label on a crossing of two edges could belong to either: keep crossings clear.
  for (let l = 1; l <= g.L; l++) {
    const edges: [{ x: number; y: number }, { x: number; y: number }][] = [];
    for (let j = 1; j <= ex.layers[l]; j++) for (let i = 1; i <= ex.layers[l - 1]; i++) edges.push([g.node(l - 1, i), g.node(l, j)]);
    for (let e = 0; e < edges.length; e++)
      for (let f = e + 1; f < edges.length; f++) {
        const [a, b] = edges[e];
        const [c, d] = edges[f];
        // Both edges span the same x range, so they cross where their y difference changes sign.
        const d0 = a.y - c.y;
        const d1 = b.y - d.y;
        if (d0 === 0 || d1 === 0 || Math.sign(d0) === Math.sign(d1)) continue;
        const t = d0 / (d0 - d1);
        const x = a.x + t * (b.x - a.x);
        const y = a.y + t * (b.y - a.y);
        blocked.push({ x: x - 9, y: y - 7, w: 18, h: 14 });
      }
  }
  // Every edge as drawn: a label crossed by an edge other than its own could be misread.
  const edges = edgesIn(ex, g);
  // Middle of the edge first, then outwards in small steps.
  const FRACTIONS = [0.5, 0.36, 0.64, 0.28, 0.72, 0.43, 0.57, 0.22, 0.78, 0.32, 0.68, 0.47, 0.53, 0.18, 0.82, 0.25, 0.75, 0.4, 0.6, 0.15, 0.85];
  for (let l = 1; l <= g.L; l++)
    for (let j = 1; j <= ex.layers[l]; j++)
      for (let i = 1; i <= ex.layers[l - 1]; i++) {
        const a = g.node(l - 1, i);
        const b = g.node(l, j);
        const text = formatNumber(ex.weights[l - 1][j - 1][i - 1]);
        const w = textWidth(text, fs);
        const h = fs + 4;
        // Weight edges only: a shared bias's light dashed lines may pass behind a label's halo.
        const others = edges.filter((e) => e.from > 0 && !(e.layer === l && e.to === j && e.from === i));
        let best: Box | undefined;
        let bestCost = Infinity;
        for (const t of FRACTIONS) {
          const cx = a.x + t * (b.x - a.x);
          const cy = a.y + t * (b.y - a.y);
          const box = { x: cx - w / 2, y: cy - h / 2, w, h };
          const cost = blocked.reduce((c, o) => c + overlap(box, o), 0) + others.filter((e) => crosses(e.seg, box)).length * w * h;
          if (cost < bestCost) {
            best = box;
            bestCost = cost;
          }
          if (cost === 0) break;
        }
        if (bestCost > 0) clean = false;
        put({ kind: "weight", text, to: j, ...best! });
      }
  return { layout: { gap, width: g.width, height: g.height, labels, clean }, clean };
}

/** The diagram as a standalone <svg> element sized by its viewBox (it scales to the column width). */
/** A mark on one neuron (a class report's success rate): its fill and a short caption above it. */
export interface NeuronMark {
  readonly fill: string;
  readonly caption: string;
}

export function diagramSvg(ex: Exercise, words: DiagramText, marks?: (layer: number, neuron: number) => NeuronMark | undefined, fs = FS): string {
  const lay = layoutDiagram(ex, words.target, fs);
  const g = geometry(ex, lay.gap, words.target, fs);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="net" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" role="img" font-family="'Noto Sans CJK SC', 'Noto Sans', sans-serif" font-size="${fs}">`,
  );
  const kindOf = (l: number) => (l === 0 ? "input" : l === g.L ? "output" : "hidden");
  // Column bands and captions.
  for (let l = 0; l <= g.L; l++) {
    const c = COLORS[kindOf(l)];
    const x = g.colX[l];
    out.push(`<rect x="${x - R - 12}" y="${g.top - 26}" width="${2 * R + 24}" height="${g.height - g.top + 20}" rx="10" fill="${c.band}" stroke="none"/>`);
    out.push(`<text x="${x}" y="${g.top - 12}" text-anchor="middle" font-size="${fs - 1}" fill="${c.stroke}">${esc(words[kindOf(l)])}</text>`);
  }
  // Edges first, so neurons and labels sit on top of them: the same segments the labels were kept clear of.
  for (const { seg: { a, b }, to, from } of edgesIn(ex, g)) {
    const ends = `x1="${f1(a.x)}" y1="${f1(a.y)}" x2="${f1(b.x)}" y2="${f1(b.y)}"`;
    out.push(from > 0 ? `<line ${ends} stroke="${hue(to)}" stroke-opacity="0.55" stroke-width="1.1"/>` : `<line ${ends} stroke="#9ca3af" stroke-width="1" stroke-dasharray="4 3"/>`);
  }
  // Neurons.
  for (let l = 0; l <= g.L; l++) {
    const c = COLORS[kindOf(l)];
    for (let j = 1; j <= ex.layers[l]; j++) {
      const p = g.node(l, j);
      const name = l === 0 ? (words.inputName ?? "x") : l === g.L ? "o" : "h";
      const sup = l > 0 && l < g.L && g.L > 2 ? `<tspan font-size="9" dy="-6">${l}</tspan><tspan font-size="10" dy="9">${j}</tspan>` : `<tspan font-size="10" dy="4">${j}</tspan>`;
      const mark = marks?.(l, j);
      out.push(`<circle cx="${f1(p.x)}" cy="${f1(p.y)}" r="${R}" fill="${mark?.fill ?? c.fill}" stroke="${c.stroke}" stroke-width="1.6"/>`);
      out.push(`<text x="${f1(p.x - 3)}" y="${f1(p.y + 4)}" text-anchor="middle" font-style="italic" font-size="14">${name}${sup}</text>`);
      if (mark !== undefined)
        out.push(`<text x="${f1(p.x)}" y="${f1(p.y - R - 4)}" text-anchor="middle" font-size="11" font-weight="bold" paint-order="stroke" stroke="#fff" stroke-width="4" stroke-linejoin="round" fill="#111827">${esc(mark.caption)}</text>`);
    }
  }
  // Labels, each on a white halo so crossing edges never hide a digit.
  const halo = `paint-order="stroke" stroke="#fff" stroke-width="4" stroke-linejoin="round"`;
  for (const lab of lay.labels) {
    const cx = f1(lab.x + lab.w / 2);
    const cy = f1(lab.y + lab.h / 2 + fs / 3);
    switch (lab.kind) {
      case "weight":
        out.push(`<text x="${cx}" y="${cy}" text-anchor="middle" ${halo} fill="${hue(lab.to)}">${esc(lab.text)}</text>`);
        break;
      case "bias":
        if (ex.bias === "shared") {
          out.push(`<rect x="${f1(lab.x)}" y="${f1(lab.y)}" width="${lab.w}" height="${lab.h}" rx="9" fill="#f3f4f6" stroke="#6b7280"/>`);
          out.push(`<text x="${cx}" y="${f1(lab.y + lab.h / 2 + fs / 3)}" text-anchor="middle" fill="#111827"><tspan font-style="italic">b</tspan> = ${esc(lab.text)}</text>`);
        } else {
          out.push(`<text x="${cx}" y="${cy}" text-anchor="middle" font-size="${fs - 1}" ${halo} fill="#374151"><tspan font-style="italic">b</tspan> = ${esc(lab.text)}</text>`);
        }
        break;
      case "input":
        out.push(`<text x="${f1(lab.x + lab.w)}" y="${cy}" text-anchor="end" font-weight="bold" fill="${COLORS.input.stroke}">${esc(lab.text)}</text>`);
        out.push(`<line x1="${f1(lab.x + lab.w + 2)}" y1="${f1(lab.y + lab.h / 2)}" x2="${f1(lab.x + lab.w + 11)}" y2="${f1(lab.y + lab.h / 2)}" stroke="${COLORS.input.stroke}" stroke-width="1.2"/>`);
        break;
      case "target":
        out.push(`<text x="${f1(lab.x)}" y="${cy}" font-weight="bold" fill="${COLORS.output.stroke}"><tspan font-style="italic" font-weight="normal">${esc(words.target)}</tspan> = ${esc(lab.text)}</text>`);
        break;
    }
  }
  out.push("</svg>");
  return out.join("\n");
}

/**
 * The diagram for a printed page at most `maxWidthPt` wide whose number labels print at least `labelPt`
 * points: the labels grow in the diagram's units until, at the width it then prints at, they are that
 * size (bigger labels may need wider gaps between the columns, which shrinks the print: so it iterates).
 */
export function printDiagram(ex: Exercise, words: DiagramText, maxWidthPt: number, labelPt = 7): { svg: string; widthPt: number; heightPt: number; labelPt: number } {
  const at = (fs: number) => {
    const lay = layoutDiagram(ex, words.target, fs);
    // No wider than the labels need: a small network prints small.
    const widthPt = Math.min(maxWidthPt, (lay.width * labelPt) / fs);
    return { fs, widthPt, heightPt: (widthPt * lay.height) / lay.width, printed: (fs * widthPt) / lay.width, clean: lay.clean };
  };
  // The labels' size in units from 12 upward in half steps, starting where the screen layout says they must be at least.
  const first = at(FS);
  let best = first;
  const ok = (r: typeof first) => r.clean && r.printed >= labelPt - 1e-9;
  for (let fs = Math.max(FS, Math.ceil(((labelPt * first.widthPt) / first.printed / maxWidthPt) * 2) / 2); !ok(best) && fs <= 2 * FS; fs += 0.5) {
    const r = at(fs);
    // A clean layout first, then the bigger labels.
    if (ok(r) || (r.clean === best.clean ? r.printed > best.printed : r.clean)) best = r;
  }
  return { svg: diagramSvg(ex, words, undefined, best.fs), widthPt: best.widthPt, heightPt: best.heightPt, labelPt: best.printed };
}
