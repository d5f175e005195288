// Messages as codes with parameters: the core says what happened; the edge (templates/i18n.ts) says it in zh or en.

/**
 * A message not yet put into words. Errors raised in the core carry one, so the command line, the
 * sheets and the site can say it in the user's language without the computation knowing languages.
 * A parameter may itself be a message (a file name's error wrapping a field's error). Every key used
 * is checked against both catalogues by test/templates/i18n-keys.test.ts.
 */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number | Message>>;
}

export const msg = (key: string, params?: Message["params"]): Message => (params === undefined ? { key } : { key, params });

/** Whether a parameter is itself a message (not a string, a number, or a stray null). */
export const isMessage = (v: unknown): v is Message => typeof v === "object" && v !== null && typeof (v as Message).key === "string";

/** The code and its parameters as plain text: what `.message` of a core error holds (logs, stack traces). */
export function codeText(m: Message | string): string {
  if (typeof m === "string") return m;
  const ps = Object.entries(m.params ?? {}).map(([k, v]) => `${k}=${isMessage(v) ? `(${codeText(v)})` : String(v)}`);
  return ps.length === 0 ? m.key : `${m.key} ${ps.join(" ")}`;
}

/**
 * An error a user can fix, raised in the core: `msg` is what to say; `.message` is only its code text.
 * The edge renders `msg` (templates/i18n.ts render), never `.message`.
 */
export class CoreError extends Error {
  constructor(readonly msg: Message | string) {
    super(codeText(msg));
  }
}

/** The message an error carries, or its own text when it carries none (a bug's message, say). */
export function messageOf(e: Error): Message | string {
  const m = (e as { msg?: unknown }).msg;
  return (typeof m === "object" && m !== null && "key" in m) || typeof m === "string" ? (m as Message | string) : e.message;
}
