/** Opening a tutorial from the Samples menu, as a user does. */
import type { Page } from 'playwright-core';
import { node } from './canvas.js';

export async function openSampleFromMenu(page: Page, label: string, someNodeId: string): Promise<void> {
  await page.getByRole('button', { name: 'Samples' }).click();
  await page.getByRole('menuitem', { name: label }).click();
  await node(page, someNodeId).waitFor();
}
