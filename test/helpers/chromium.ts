// Flags for the real Chromium the site's tests drive (Debian's /usr/bin/chromium through playwright-core).
export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run",
] as const;
