/**
 * The `trellis` command. Each file in ./commands registers one command, so a
 * new command is a new file and nothing else changes.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { reportFailure } from './output.ts';

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

export async function buildProgram(): Promise<Command> {
  const program = new Command('trellis')
    .description('Trellis: teaching teams and continuous improvement for school systems')
    .showHelpAfterError()
    .exitOverride();
  const files = readdirSync(commandsDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
  for (const file of files) {
    const module = (await import(path.join(commandsDir, file))) as { register(program: Command): void };
    module.register(program);
  }
  return program;
}

// A reader that goes away early (`trellis stats --json | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  const program = await buildProgram();
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}
