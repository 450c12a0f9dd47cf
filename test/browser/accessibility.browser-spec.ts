import '../support/unreachable-tiles.env';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './browser';
import { DESKTOP, EveryRole, PHONE, ROLES, settled, startEveryRole } from './every-role';

// Issue 15 item 9: axe-core on every screen of every role, on a phone and on a desktop; any
// serious or critical violation fails. The screens are the ones the header offers each role (so
// new screens are covered once they are in the menu), plus sign-in and the security page.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function axe(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE);
  const result = (await page.evaluate(() =>
    (globalThis as any).axe.run((globalThis as any).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  )) as {
    violations: Violation[];
  };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describe('accessibility of every screen (axe-core)', () => {
  let browser: Browser;
  let app: EveryRole;

  beforeAll(async () => {
    if (!existsSync(resolve(__dirname, '../../apps/web/dist/index.html')))
      throw new Error('apps/web/dist is missing: run `npm run build:web`');
    browser = await launchChromium();
    app = await startEveryRole(() => browser);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.t.close();
  });

  for (const [device, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const role of ROLES) {
      it(`${role} on a ${device}: no serious or critical violation on any screen`, async () => {
        const { context, page, seen } = await app.open(role, viewport);
        const routes = await page.$$eval('header.top nav.tabs a[data-route]', (links) =>
          links.map((a) => a.getAttribute('data-route')!),
        );
        routes.push(role === 'anonymous' ? 'login' : 'security');
        expect(routes.length).toBeGreaterThan(2);
        const found: string[] = [];
        for (const route of routes) {
          await page.evaluate((r) => ((globalThis as any).location.hash = `#/${r}`), route);
          await page.waitForFunction(
            (base) => (globalThis as any).document.body.dataset.route === base,
            route.split('/')[0],
          );
          await settled(page);
          for (const v of await axe(page)) {
            found.push(
              `#/${route} ${v.impact} ${v.id}: ${v.help}\n${v.nodes
                .slice(0, 4)
                .map((n) => `    ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 3).join(' ')}`)
                .join('\n')}`,
            );
          }
        }
        // The menu open on a phone is a screen of its own.
        if (device === 'phone') {
          await page.click('header.top .menu-toggle');
          for (const v of await axe(page))
            found.push(
              `menu ${v.impact} ${v.id}: ${v.help} ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 4)
                .join(', ')}`,
            );
          await screenshot(page, `a11y-menu-${role}-phone`);
        }
        expect(found).toEqual([]);
        expect(seen.errors).toEqual([]);
        await context.close();
      });
    }
  }
});
