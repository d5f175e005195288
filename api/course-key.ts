// A course secret made into the core's CourseKey (generator/seal.ts) with node:crypto: HKDF-SHA256
// derives a 32-byte key from the secret's UTF-8 bytes (salt "bpdrill/seal/v1", info "course key"), and
// the key's MAC is HMAC-SHA256 over label · NUL · data. Node-only (the browser never opens sealed codes).
import { createHmac, hkdfSync } from "node:crypto";
import type { CourseKey } from "../generator/seal.js";

/** The course key of a secret (its text, without surrounding white space). */
export function courseKeyOf(secret: string): CourseKey {
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret.trim(), "utf8"), "bpdrill/seal/v1", "course key", 32));
  return { mac: (label, data) => new Uint8Array(createHmac("sha256", key).update(label).update("\u0000").update(data, "utf8").digest()) };
}
