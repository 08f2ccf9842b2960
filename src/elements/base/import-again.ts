/**
 * Fetches a lazy chunk again after its first `import()` failed (offline for a moment, a deploy swapping
 * files). Browsers keep a failed module in the document's module map, so the same `import()` fails
 * again without a request and "Try again" could never succeed until a reload. A second import of the
 * same URL with a query is a new module map entry: the browser fetches it afresh. The URL comes from the
 * browser's error (Chromium: "Failed to fetch dynamically imported module: <url>", Firefox: "error loading
 * dynamically imported module: <url>"); where the error names none, the original import is simply retried.
 */
export async function importAgain<T>(load: () => Promise<T>, attempt: number): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const url = /(https?:\/\/\S+?\.js)\b/.exec(error instanceof Error ? error.message : String(error))?.[1];
    // Only a chunk of ours, beside this module: never a URL some other script put in an error message.
    if (attempt === 0 || !url || new URL(url).origin !== new URL(import.meta.url).origin) throw error;
    return (await import(/* @vite-ignore */ `${url}?attempt=${attempt}`)) as T;
  }
}
