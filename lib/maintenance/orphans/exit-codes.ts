/** Exit codes of `npm run orphans`; the README and --help document the same table. */
export const EXIT = {
  ok: 0,
  /** `check` only: there are runs that need attention, so a deploy gate can stop on them. */
  orphansFound: 1,
  usage: 2,
  /** Nothing was changed: not confirmed, --yes missing off a terminal, or the request was unsafe. */
  refused: 3,
  /** The database or the file system failed; every committed batch is whole and audited. */
  failed: 4,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
