import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

const screenshots = fileURLToPath(new URL('../../../../reports/e2e', import.meta.url));

export interface ConsoleBrowser {
  browser: Browser;
  page: Page;
  /** Errors the page threw or logged: a test ends by expecting none. */
  pageErrors: string[];
}

/**
 * Debian's Chromium, headless, with one laptop-sized page that records its
 * errors. `ignoreConsole` drops console errors a test expects (a refused request).
 */
export const openConsoleBrowser = async (
  options: { ignoreConsole?: (text: string) => boolean } = {},
): Promise<ConsoleBrowser> => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Containers run as root, where Chromium's sandbox cannot start.
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !options.ignoreConsole?.(message.text()))
      pageErrors.push(message.text());
  });
  return { browser, page, pageErrors };
};

/** Keeps a screenshot of the page in reports/e2e/ when the running test fails. */
export const screenshotOnFailure = (page: () => Page, name: string): void =>
  onTestFailed(async () => {
    mkdirSync(screenshots, { recursive: true });
    await page().screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
  });
