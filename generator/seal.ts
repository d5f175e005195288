// Sealed codes: a course secret keeps a code's exercise (its numbers, hence its key) out of reach of
// anyone without the secret. The core never sees the secret itself, only a CourseKey: a keyed
// pseudo-random function (HMAC-SHA256 under a key derived from the secret with HKDF-SHA256, built by
// the CLI or the Node API with node:crypto, see cli/secret.ts). Nothing here is a cipher of our own:
// the code's public part (preset, knobs, ticket) goes into the MAC, and
//   - the draw's stream is seeded by MAC(key, "draw" · public part), so without the key the stream,
//     and with it every number of the exercise, is unknown (as hard as breaking HMAC-SHA256);
//   - a 10-bit tag MAC(key, "tag" · public part) in the code refuses a wrong secret (all but 1 in 1024)
//     before anything is drawn, so a wrong secret never gives a different exercise silently.
// The only process-wide setting of the core is the course key in use: set once by the CLI (from
// BPDRILL_SECRET, --secret-file or a course's secretFile) or by a library caller, never read from the
// environment here.

/** A course secret made into a keyed function; `mac` must be a PRF (HMAC-SHA256 in bpdrill). */
export interface CourseKey {
  mac(label: string, data: string): Uint8Array;
}

let current: CourseKey | undefined;

/** Sets (or, with undefined, clears) the course key sealed codes are made and opened with. */
export function useCourseKey(key: CourseKey | undefined): void {
  current = key;
  for (const f of onChange) f();
}

/** The course key in use, if any. */
export function courseKey(): CourseKey | undefined {
  return current;
}

const onChange: (() => void)[] = [];
/** Caches that depend on the key (regenerated exercises) register here to be emptied when it changes. */
export function onCourseKeyChange(f: () => void): void {
  onChange.push(f);
}

export const TAG_BITS = 10;

/** The 10-bit tag of a sealed code's public part under a key. */
export function sealTag(key: CourseKey, publicPart: string): number {
  const m = key.mac("bpdrill/seal/tag", publicPart);
  return ((m[0] << 8) | m[1]) >>> (16 - TAG_BITS);
}

/** The seed of a sealed exercise's random stream: hex of MAC(key, "draw" · public part). */
export function sealedStreamSeed(key: CourseKey, publicPart: string): string {
  const m = key.mac("bpdrill/seal/draw", publicPart);
  let hex = "";
  for (const b of m) hex += b.toString(16).padStart(2, "0");
  return hex;
}
