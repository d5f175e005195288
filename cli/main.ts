// The `bpdrill` command line: one program, a subcommand per job; exit 0 ok, 1 user error, 2 usage error.
import { errnoWhy } from "../templates/errno.js";
import { CoreError } from "../generator/message.js";
import { editDistance } from "../generator/presets.js";
import { Command, CommanderError, Help, Option } from "commander";
import { UserError } from "./errors.js";
import { registerDemo } from "./demo.js";
import { listOf, localizeCommander, paragraph, usageMessage } from "./help.js";
import { messageLang } from "./lang.js";
import { takeSecret } from "./secret.js";
import { registerGrade } from "./commands/grade.js";
import { registerGenerator, registerSolve } from "./commands/generate.js";
import { registerSheets } from "./commands/sheets.js";
import { registerSite } from "./commands/site.js";
import { registerCourse } from "./commands/course.js";
import { registerExport } from "./commands/export.js";
import { registerReport } from "./commands/report.js";
import { LANGS, messageOf, render, t, type Lang } from "./words.js";
import pkg from "../package.json" with { type: "json" };

/** A usage error with the command it happened in, so the message can name it. */
class UsageError extends Error {
  constructor(
    readonly error: CommanderError,
    readonly command: string,
  ) {
    super(error.message);
  }
}

const commandPath = (cmd: Command): string => (cmd.parent ? `${commandPath(cmd.parent)} ${cmd.name()}` : cmd.name());

/** The program with every word of its help in lang (messages; outputs keep their own --lang). */
export function buildProgram(lang: Lang = "en"): Command {
  const program = new Command();
  // Settings subcommands inherit are made before they are added.
  localizeCommander(program, lang);
  program
    .name("bpdrill")
    .description(t(lang, "cli.program.description"))
    .version(pkg.version, "-V, --version", t(lang, "cli.help.version"))
    .addHelpText("after", `\n${paragraph(t(lang, "cli.program.langNote"))}\n${paragraph(t(lang, "cli.program.more"))}\n`);
  // --lang before the command is read by run() (withoutProgramLang), not by commander; the help lists it.
  const langOption = new Option("-l, --lang <lang>", t(lang, "cli.opt.langMessages", { list: listOf(lang, LANGS) }));
  // --secret-file anywhere on the command line is read by run() (cli/secret.ts); the help lists it.
  const secretOption = new Option("--secret-file <file>", t(lang, "cli.opt.secretFile"));
  program.configureHelp({
    ...program.configureHelp(),
    visibleOptions(this: Help, cmd: Command) {
      return [...Help.prototype.visibleOptions.call(this, cmd), ...(cmd === program ? [langOption, secretOption] : [])];
    },
  });
  registerSolve(program, lang);
  registerGrade(program, lang);
  registerGenerator(program, lang);
  registerSheets(program, lang);
  registerSite(program, lang);
  registerReport(program, lang);
  registerExport(program, lang);
  registerCourse(program, lang);
  registerDemo(program, lang);
  for (const cmd of [program, ...program.commands])
    cmd.exitOverride((e) => {
      throw new UsageError(e, commandPath(cmd));
    });
  return program;
}

/**
 * argv without the `--lang` given before the command (`bpdrill --lang zh --help`), which messageLang
 * has read already; or the usage message for a bad value. The program declares no --lang of its own:
 * commander would let it take the --lang of `bpdrill key --lang en` too (a program's options are
 * parsed anywhere on the line), and that one also picks the language of the output.
 */
function withoutProgramLang(argv: readonly string[], lang: Lang): string[] | { usage: string } {
  const rest = [...argv];
  for (;;) {
    const eq = rest[0]?.startsWith("--lang=") === true;
    if (!eq && rest[0] !== "--lang" && rest[0] !== "-l") return rest;
    const value = eq ? rest[0].slice("--lang=".length) : rest[1];
    if (value !== "zh" && value !== "en")
      return { usage: t(lang, "cli.usage.invalidValue", { option: "--lang", value: value ?? "", reason: t(lang, "cli.opt.choice", { list: listOf(lang, LANGS) }) }) };
    rest.splice(0, eq ? 1 : 2);
  }
}

/** The closest of names to a mistyped one, when it is close enough to be what was meant. */
function near(typed: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = editDistance(typed, n);
    if (d < bestD) (bestD = d), (best = n);
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Usage errors commander does not see as such: `bpdrill help nope` (commander prints the main help
 * and succeeds) and a mistyped --lang before the command (the program declares no --lang, so
 * commander has nothing to suggest).
 */
function earlyUsage(program: Command, args: readonly string[], lang: Lang): string | undefined {
  const names = program.commands.map((c) => c.name());
  if (args[0] === "help" && args[1] !== undefined && !args[1].startsWith("-") && !names.includes(args[1])) {
    const n = near(args[1], names);
    return n ? t(lang, "cli.usage.unknownCommandNear", { name: args[1], near: n }) : t(lang, "cli.usage.unknownCommand", { name: args[1] });
  }
  const flag = args[0]?.split("=")[0];
  if (flag !== undefined && flag.startsWith("--") && !["--help", "--version"].includes(flag) && near(flag, ["--lang"]) === "--lang")
    return t(lang, "cli.usage.unknownOptionNear", { flag, near: "--lang" });
  return undefined;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function run(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<number> {
  const lang = messageLang(argv, env);
  const program = buildProgram(lang);
  try {
    const args = withoutProgramLang(takeSecret(argv, env), lang);
    if ("usage" in args) {
      process.stderr.write(`bpdrill: ${args.usage}\n`);
      return 2;
    }
    const early = earlyUsage(program, args, lang);
    if (early !== undefined) {
      process.stderr.write(`bpdrill: ${early}\n`);
      return 2;
    }
    await program.parseAsync(args, { from: "user" });
    return 0;
  } catch (thrown) {
    const e = thrown instanceof UsageError ? thrown.error : thrown;
    if (e instanceof CommanderError) {
      // help and version "errors" are successes; everything else commander reports is a usage error.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      if (e.code === "commander.executeSubCommandAsync") return 0;
      const command = thrown instanceof UsageError ? thrown.command : "bpdrill";
      process.stderr.write(`bpdrill: ${usageMessage(e, lang, command)}\n`);
      return 2;
    }
    // A core error (a bad exercise, code, roster or knob) is the user's to fix wherever it surfaces.
    if (e instanceof UserError || e instanceof CoreError) {
      process.stderr.write(`bpdrill: ${render(lang, messageOf(e))}\n`);
      return 1;
    }
    // A file-system error that no command turned into its own sentence: still the user's words, not Node's.
    const errno = e as NodeJS.ErrnoException;
    if (e instanceof Error && typeof errno.code === "string" && /^E[A-Z]+$/.test(errno.code) && errno.path !== undefined) {
      process.stderr.write(`bpdrill: ${t(lang, "cli.io.failed", { path: errno.path, why: render(lang, errnoWhy(e)) })}\n`);
      return 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`bpdrill: ${t(lang, "cli.err.internal", { message: msg.split("\n")[0] })}\n`);
    if (env.BPDRILL_DEBUG) process.stderr.write(`${(e as Error).stack ?? ""}\n`);
    return 1;
  }
}
