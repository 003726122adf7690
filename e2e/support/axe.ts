/**
 * The one accessibility check of the browser tests: axe-core's WCAG 2.1 A and
 * AA rules on the page as it is now (or on the part of it `include` selects).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Each violation as "rule: selector, selector", so a failure names the nodes. */
export async function wcagViolations(page: Page, options: { include?: string } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(WCAG_21_AA);
  if (options.include) builder = builder.include(options.include);
  const results = await builder.analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

export async function expectNoViolations(page: Page, options: { include?: string } = {}) {
  expect(await wcagViolations(page, options), page.url()).toEqual([]);
}
