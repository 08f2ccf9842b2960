/** The folder holding initdb and postgres (PG_BIN, Debian's, or installs Debian's `postgresql` as root). */
export function findPostgres(options?: { install?: boolean }): string;
/** A throwaway cluster on a free loopback port; `stop()` shuts it down and deletes its data. */
export function startPostgres(): Promise<{ url: string; port: number; stop: () => Promise<void> }>;
