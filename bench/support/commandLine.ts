// What every benchmark's command line shares: whole-number options, --help, and bad options
// reported all together before anything starts.

/** The option's value as a number; when it is not a whole number of at least `least`, says so in `errors`. */
export function integerOption(name: string, text: string, errors: string[], least = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) errors.push(`--${name}: "${text}" is not a whole number of at least ${least}`);
  return value;
}

export function exitWithUsage(usage: string): never {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

/** Every bad option, then the usage, and exit 2; nothing when there are none. */
export function exitOnOptionErrors(errors: string[], usage: string): void {
  if (errors.length === 0) return;
  process.stderr.write(`${errors.join('\n')}\n\n${usage}\n`);
  process.exit(2);
}
