/** An expected failure of a command (bad arguments, bad input, nothing found): one clear line, no stack. */
export class CliError extends Error {}
