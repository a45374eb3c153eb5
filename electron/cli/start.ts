/**
 * The entry of the built `appraisal` command (scripts/build-cli.mjs bundles from here). `--help` and
 * a mistaken command line are answered from the command table alone (usage.ts); the commands, and
 * with them the services, the database driver, zod, Kysely and the workbook code, are a separate
 * chunk loaded only when a command is to run. So a batch script's `--help` or typo costs little
 * more than starting Node.
 */
import { defaultIo, readCommandLine, type CliIo } from './usage';

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const read = readCommandLine(argv, io);
  if ('exitCode' in read) return read.exitCode;
  const { runCommand } = await import('./main');
  return runCommand(read, io);
}
