/**
 * Themes in e2e tests: set the light or dark theme as a user does (the toolbar's Theme choice),
 * and check text contrast with axe-core's color-contrast rule (WCAG AA), injected through the test
 * driver so the page's CSP stays as strict as it is.
 */
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { injectAxe } from './axe';

export type ThemeMode = 'light' | 'dark';

/** Chooses `choice` in the toolbar and waits until the page shows the theme it resolves to. */
export async function chooseTheme(page: Page, choice: 'system' | ThemeMode): Promise<void> {
  await page.selectOption('[data-testid="theme-select"]', choice);
  if (choice !== 'system') await page.waitForSelector(`html[data-theme="${choice}"]`);
}

/** The theme on screen. */
export function shownTheme(page: Page): Promise<string | null> {
  return page.evaluate(() => document.documentElement.dataset.theme ?? null);
}

export interface ContrastFailure {
  /** A CSS selector of the element. */
  target: string;
  /** The element's text (shortened). */
  text: string;
  /** axe's account: "Element has insufficient color contrast of 3.2 (foreground color: …, background color: …, …)". */
  summary: string;
}

/** Every text on screen below WCAG AA contrast (4.5:1; 3:1 for large text), per axe-core. */
export async function contrastFailures(page: Page, within = 'body'): Promise<ContrastFailure[]> {
  await injectAxe(page);
  const results = (await page.evaluate(
    (selector) =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(selector, {
        runOnly: { type: 'rule', values: ['color-contrast'] },
        resultTypes: ['violations'],
      }),
    within,
  )) as AxeResults;
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => ({
      target: n.target.join(' '),
      text: (n.html.replace(/<[^>]+>/g, '').trim() || n.html).slice(0, 60),
      summary: n.any.map((a) => a.message).join('; '),
    })),
  );
}
