/** Path of a usable Chromium (CHROME_PATH, playwright's own, Debian's; installs Debian's as root). */
export function findChromium(options?: { install?: boolean }): string;
/** Flags for Chromium on a closed, sandbox-less machine. */
export const CHROMIUM_ARGS: string[];
