// What a failed file operation means, in words the user's language has (never Node's raw "EEXIST: …").
import { msg, type Message } from "../generator/message.js";

/** Error codes of the file system with their own sentence (cli.errno.* in both catalogues). */
const KNOWN = ["ENOENT", "EACCES", "EPERM", "EROFS", "ENOSPC", "EISDIR", "ENOTDIR", "EEXIST", "ENAMETOOLONG", "EMFILE", "EBUSY", "EXDEV", "EFBIG"] as const;

/** The reason of a Node file-system error as a message; an unknown one keeps its first line. */
export function errnoWhy(e: unknown): Message | string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && (KNOWN as readonly string[]).includes(code)) return msg(`cli.errno.${code}`);
  return e instanceof Error ? e.message.split("\n")[0] : String(e);
}
