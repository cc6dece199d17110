/** One `waymark` sub-command. `run` returns the process exit status. */
export interface CliCommand {
  readonly name: string;
  /** One line for `waymark --help`. */
  readonly summary: string;
  /** The usage text for `waymark <name> --help`. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit statuses shared by every command. */
export const ExitCode = {
  ok: 0,
  /** The work ran but found a problem (a broken audit chain, say). */
  failed: 1,
  /** The command line itself was wrong. */
  usage: 2,
} as const;
