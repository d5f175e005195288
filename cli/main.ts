// The `bpdrill` command line: one program, a subcommand per job; exit 0 ok, 1 user error, 2 usage error.
import { Command, CommanderError } from "commander";
import { UserError } from "./errors.js";
import { registerDemo } from "./demo.js";
import { registerGrade } from "../grader/commands.js";
import { registerGenerator, registerSolve } from "../generator/commands.js";
import { registerSheets } from "../templates/commands.js";
import { registerSite } from "../site/commands.js";
import pkg from "../package.json" with { type: "json" };

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("bpdrill")
    .description(
      "Backpropagation exercises by hand: generate randomized worksheets, print worked answer keys, " +
        "and grade what students typed, step by step.\n反向传播手算练习：出题、打印试卷与参考答案、逐步批改。",
    )
    .version(pkg.version, "-V, --version")
    .showSuggestionAfterError(true)
    .configureOutput({
      outputError: (str, write) => write(`bpdrill: ${str.replace(/^error: /, "")}`),
    })
    .addHelpText("after", "\nRun `bpdrill <command> --help` for a command's options and examples.\n");
  registerSolve(program);
  registerGrade(program);
  registerGenerator(program);
  registerSheets(program);
  registerSite(program);
  registerDemo(program);
  for (const cmd of program.commands) cmd.showSuggestionAfterError(true);
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, so tests can call it in-process. */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version "errors" are successes; everything else commander reports is a usage error.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help") return 0;
      if (e.code === "commander.executeSubCommandAsync") return 0;
      return 2;
    }
    if (e instanceof UserError) {
      process.stderr.write(`bpdrill: ${e.message}\n`);
      return 1;
    }
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`bpdrill: internal error: ${msg.split("\n")[0]} (please report this with the command you ran)\n`);
    if (process.env.BPDRILL_DEBUG) process.stderr.write(`${(e as Error).stack ?? ""}\n`);
    return 1;
  }
}
