/**
 * The entry of the built `appraisal` command (scripts/build-cli.mjs). `--help` and a mistaken command
 * line are answered from the command table alone (usage.ts). The commands, and with them the
 * services, the database driver, zod, Kysely and the workbook code, are a separate file built from
 * main.ts, loaded only when a command is to run, through V8's code cache (code-cache.ts).
 */
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from './code-cache';
import { defaultIo, readCommandLine, type CliIo } from './usage';

/** The commands' file beside this one (`./commands-<hash>.cjs`), named by the build. */
declare const __CLI_COMMANDS_FILE__: string;

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const read = readCommandLine(argv, io);
  if ('exitCode' in read) return read.exitCode;
  const commands = requireWithCodeCache<typeof import('./main')>(
    fileURLToPath(new URL(__CLI_COMMANDS_FILE__, import.meta.url)),
  );
  return commands.runCommand(read, io);
}
