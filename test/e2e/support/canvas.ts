/** What a user does on the canvas, in Playwright terms, and what the tests read back from it. */
import type { Locator, Page } from 'playwright-core';

export function node(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Drags an operation from the palette onto the canvas at a point of the canvas (relative to its top left). */
export async function dragFromPalette(page: Page, opName: string, at: { x: number; y: number }): Promise<void> {
  await page.getByRole('button', { name: `Add ${opName}`, exact: true }).dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
}

/** Drags from a node's output port to another's input port, as a user connects them. */
export async function connect(page: Page, from: string, to: string, port = 1): Promise<void> {
  const source = page.getByLabel(`${from} output`, { exact: false }).first();
  const target = node(page, to).locator(`.react-flow__handle[data-handleid="in-${port - 1}"]`);
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

/** Selects one node by clicking its title. */
export async function select(page: Page, id: string): Promise<void> {
  await node(page, id).locator('.op-node-head').click();
  await page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { name: new RegExp(`^${id} `) }).waitFor();
}

/** The canvas as a user sees it: every node (id, op, position) and every connection, in a stable order. */
/** The canvas as a user sees it: every node (id, op, position) and every connection, in a stable order. */
export async function canvasSnapshot(page: Page): Promise<{ nodes: string[]; edges: string[] }> {
  // A string, not a function: the test code is compiled without the DOM's types, which only the page has.
  return page.evaluate(`(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((el) => el.dataset.id + ' ' + el.querySelector('.op-node-op')?.textContent + ' ' + el.style.transform);
    const edges = [...document.querySelectorAll('.react-flow__edge')].map((el) => el.getAttribute('aria-label') ?? el.dataset.id ?? '');
    return { nodes: nodes.sort(), edges: edges.sort() };
  })()`);
}

/** Controls a person could operate that have no accessible name (none should). */
export async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const controls = document.querySelectorAll('button, input, textarea, select, [role="button"], [role="tab"], [role="menuitem"], a[href]');
    const unnamed = [];
    for (const el of controls) {
      const labelledBy = el.getAttribute('aria-labelledby');
      const label = el.id ? document.querySelector('label[for="' + el.id + '"]') : el.closest('label');
      const isField = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA';
      const name = el.getAttribute('aria-label') || (labelledBy && document.getElementById(labelledBy)?.textContent) || (isField ? '' : el.textContent?.trim()) || label?.textContent?.trim() || el.getAttribute('title') || '';
      if (!name.trim()) unnamed.push(el.outerHTML.slice(0, 160));
    }
    return unnamed;
  })()`);
}

export async function waitForText(locator: Locator, text: string | RegExp, timeout = 30_000): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

/** Waits until `condition` holds, checking every 20 ms (the page's CSP forbids Playwright's string predicates). */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
