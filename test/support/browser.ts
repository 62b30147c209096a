import { execFileSync } from "node:child_process";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium on the PATH (no browser download); undefined where it is not installed. */
export const chromiumPath: string | undefined = (() => {
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found) return found;
    } catch {
      // not this one
    }
  }
  return undefined;
})();

if (!chromiumPath) {
  console.warn("browser tests skipped: no chromium on the PATH (apt-get install -y chromium)");
}

/** Headless Chromium with the flags that keep it quiet on a closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
