/**
 * The stylesheets' colours (issue 16, dark mode): every colour is a variable of styles.css, and
 * every colour variable of the light theme has a dark value, so no surface stays light in the dark.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(import.meta.dirname, '..', '..', 'src', 'renderer');
const styles = readFileSync(path.join(RENDERER, 'styles.css'), 'utf8');

function block(selector: string): Map<string, string> {
  const start = styles.indexOf(`${selector} {`);
  expect(start, selector).toBeGreaterThanOrEqual(0);
  const body = styles.slice(start, styles.indexOf('\n}', start));
  return new Map([...body.matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)].map((m) => [m[1]!, m[2]!.trim()]));
}

const isColour = (v: string): boolean => /^(#|rgba?\()/.test(v);

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cssFiles(path.join(dir, e.name)) : e.name.endsWith('.css') ? [path.join(dir, e.name)] : [],
  );
}

describe('theme colours', () => {
  const light = block(':root');
  const dark = block(":root[data-theme='dark']");

  it('gives every colour variable of the light theme a dark value', () => {
    const colours = [...light].filter(([, v]) => isColour(v)).map(([k]) => k);
    expect(colours.length).toBeGreaterThan(30);
    expect(colours.filter((k) => !dark.has(k))).toEqual([]);
  });

  it('uses only defined variables, and no colour outside the variables except white text on the always-dark toasts', () => {
    const problems: string[] = [];
    for (const file of cssFiles(RENDERER)) {
      const text = readFileSync(file, 'utf8');
      for (const [, name] of text.matchAll(/var\((--[\w-]+)/g))
        if (!name!.startsWith('--ag-') && !light.has(name!)) problems.push(`${path.basename(file)}: ${name} is not defined`);
      const outside = file.endsWith('styles.css') ? text.slice(text.indexOf('\n}', text.indexOf(":root[data-theme='dark']"))) : text;
      for (const m of outside.matchAll(/^\s*([\w-]+):[^;]*(#[0-9a-fA-F]{3,8}\b|rgba?\([^)]*\))/gm))
        if (!(m[1] === 'color' && /^#fff(fff)?$/i.test(m[2]!))) problems.push(`${path.basename(file)}: ${m[0].trim()}`);
    }
    expect(problems).toEqual([]);
  });
});
