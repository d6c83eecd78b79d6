/**
 * Runs axe-core on a page of the app and returns the violations that matter. axe's source goes in
 * through the driver's evaluation (CDP Runtime.evaluate), never as an inline <script>: the app's CSP
 * stays as strict as users get it. Reusable for any view and theme:
 *
 *   expect(formatViolations(await axeViolations(page))).toEqual('');
 *   await axeViolations(page, { include: '[data-testid="export-dialog"]', skipRules: ['color-contrast'] });
 *
 * Critical and serious violations are always returned; moderate and minor ones unless their rule is
 * in ALLOWED with the written reason why it does not apply to this app.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { AxeResults, ImpactValue, Result, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
/** axe.min.js, read once per test file. */
let source: string | null = null;
const axeSource = (): string => (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Moderate or minor rules the app breaks on purpose, each with its reason. Never a serious or
 * critical one: those are always reported.
 */
export const ALLOWED: Readonly<Record<string, string>> = {
  // None today: every view checked in tests/e2e/a11y*.test.ts passes every moderate rule too.
  // An entry is `'rule-id': 'why it does not apply here'`.
};

export interface AxeCheck {
  /** Rules not to run, e.g. `['color-contrast']` until the branch fixing contrast is merged. Default: none (every rule on). */
  skipRules?: string[];
  /** A CSS selector: check only this part of the page (a dialog). Default: the whole document. */
  include?: string;
}

export interface Violation {
  rule: string;
  impact: ImpactValue | null;
  help: string;
  /** The first few offending elements, as CSS selectors with their failure summary. */
  nodes: string[];
  count: number;
}

/** Puts axe-core into the page (once per page), through the driver: the CSP is not loosened. */
export async function injectAxe(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource());
}

/** Injects axe-core (once per page) and runs it; returns the violations that are not allowed. */
export async function axeViolations(page: Page, check: AxeCheck = {}): Promise<Violation[]> {
  await injectAxe(page);
  const options: RunOptions = {
    resultTypes: ['violations'],
    rules: Object.fromEntries((check.skipRules ?? []).map((r) => [r, { enabled: false }])),
  };
  const results = await page.evaluate(
    ([include, opts]) => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } }).axe;
      return axe.run(include ? { include: [include] } : document, opts);
    },
    [check.include ?? null, options] as const,
  );
  return results.violations.filter(counts).map(summary);
}

function counts(v: Result): boolean {
  return v.impact === 'critical' || v.impact === 'serious' || !(v.id in ALLOWED);
}

function summary(v: Result): Violation {
  return {
    rule: v.id,
    impact: v.impact ?? null,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    count: v.nodes.length,
  };
}

/** Violations as readable lines for an assertion message ('' when there are none). */
export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.rule} (${v.impact}, ${v.count} nodes): ${v.help}\n  ${v.nodes.join('\n  ')}`).join('\n');
}
