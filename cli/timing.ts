// Phase timings on stderr when BPDRILL_TIMING=1 (for `npm run bench`); silent and free otherwise.
const on = process.env.BPDRILL_TIMING === "1";
let last = 0; // the first mark counts from process start (node boot and module loading)

/** Records the time since the previous mark under `phase` (and since process start for the first). */
export function mark(phase: string): void {
  if (!on) return;
  const now = performance.now();
  process.stderr.write(`bpdrill-timing ${phase} ${(now - last).toFixed(1)}\n`);
  last = now;
}
