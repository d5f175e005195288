// Vega-Lite specs to SVG, in a worker thread (templates/report.ts): Vega is ESM with top-level await, which
// the CommonJS CLI bundle can neither require() nor import(); a worker loads this file as a module.
import { parentPort, workerData } from "node:worker_threads";
import * as vega from "vega";
import { compile } from "vega-lite";

const svgs = [];
for (const spec of workerData.specs) {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  svgs.push(await view.toSVG());
  view.finalize();
}
parentPort.postMessage(svgs);
