// Option parsers shared by the subcommands: each turns a bad value into a one-line usage message in lang.
import { InvalidArgumentError } from "commander";
import { t, type Lang } from "./words.js";
import { listOf } from "./help.js";

export function choice<T extends string>(names: readonly T[], lang: Lang) {
  return (v: string): T => {
    if ((names as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(t(lang, "cli.opt.choice", { list: listOf(lang, names) }));
  };
}

export function wholeNumber(min: number, max: number, lang: Lang) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < min || n > max) throw new InvalidArgumentError(t(lang, "cli.opt.wholeNumber", { min, max }));
    return n;
  };
}
