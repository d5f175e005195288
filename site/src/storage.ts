// Answers kept in localStorage per exercise, read back defensively (a stored value is untrusted input).

export type Answers = Readonly<Record<string, string>>;

const PREFIX = "bpdrill.answers.";
/** Longer than anything a student types into one box; longer values are cut, not stored whole. */
export const MAX_ANSWER = 64;

function store(): Storage | null {
  try {
    const s = window.localStorage;
    const probe = `${PREFIX}probe`;
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export const storageAvailable = (): boolean => store() !== null;

/** Keeps only string answers of known steps; anything else in the input is dropped. */
export function cleanAnswers(input: unknown, stepIds: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (typeof input !== "object" || input === null || Array.isArray(input)) return out;
  for (const [k, v] of Object.entries(input as Record<string, unknown>))
    if (stepIds.has(k) && typeof v === "string") out[k] = v.slice(0, MAX_ANSWER);
  return out;
}

export function loadAnswers(slot: string, stepIds: ReadonlySet<string>): Record<string, string> {
  const s = store();
  if (!s) return Object.create(null);
  try {
    const raw = s.getItem(PREFIX + slot);
    if (raw === null) return Object.create(null);
    const parsed: unknown = JSON.parse(raw);
    return cleanAnswers((parsed as { answers?: unknown } | null)?.answers, stepIds);
  } catch {
    return Object.create(null);
  }
}

export function saveAnswers(slot: string, answers: Answers): boolean {
  const s = store();
  if (!s) return false;
  try {
    const kept = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ""));
    s.setItem(PREFIX + slot, JSON.stringify({ v: 1, answers: kept }));
    return true;
  } catch {
    return false;
  }
}

/** A short stable name for an exercise without a code (FNV-1a over its JSON). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** Imported exercises without a code are kept too, so a reload finds them. */
export function saveExercise(id: string, json: string): void {
  try {
    store()?.setItem(`bpdrill.exercise.${id}`, json);
  } catch {
    /* storage full or off: the exercise stays in this tab only */
  }
}

export function loadExercise(id: string): unknown {
  try {
    const raw = store()?.getItem(`bpdrill.exercise.${id}`);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}
