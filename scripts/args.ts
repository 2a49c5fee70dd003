/**
 * The command lines of the measuring scripts (ab-core, ab-seeks, profile-history): positional
 * arguments, and `--name value` options with a default.
 */

/** The arguments that are neither an option nor an option's value. */
export const positionals = (argv: readonly string[] = process.argv.slice(2)): string[] =>
  argv.filter((x, i, all) => !x.startsWith('--') && !all[i - 1]?.startsWith('--'));

/** The value after `--name`, or `dflt` when it is not given. */
export function option(name: string, dflt: string, argv: readonly string[] = process.argv): string {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? dflt : (argv[i + 1] ?? dflt);
}
