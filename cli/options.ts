// Option parsers shared by the subcommands: each turns a bad value into a one-line usage message.
import { InvalidArgumentError } from "commander";

export function choice<T extends string>(names: readonly T[]) {
  return (v: string): T => {
    if ((names as readonly string[]).includes(v)) return v as T;
    throw new InvalidArgumentError(`expected one of ${names.join(", ")}.`);
  };
}

export function wholeNumber(min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    return n;
  };
}
