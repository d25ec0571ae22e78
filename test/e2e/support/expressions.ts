/**
 * The inspector's expression editors (CodeMirror) as a person uses them: click in, select all, type. Typing goes
 * through the editor's own keys, so brackets it closes are typed over and an open completion list does not change
 * the text unless Enter or Tab accepts it.
 */
import type { Locator, Page } from 'playwright-core';

/** The editor of the param (or "Functions") named `name`: CodeMirror's content element, a textbox with that label. */
export function expressionEditor(page: Page, name: string): Locator {
  return page.getByRole('textbox', { name, exact: true });
}

/** Replaces the expression by typing it, key by key. */
export async function typeExpression(page: Page, name: string, text: string): Promise<void> {
  await expressionEditor(page, name).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  // Typed over, the closing brackets the editor added are part of the text; anything left over would be a bug.
  const typed = await expressionText(page, name);
  if (typed !== text) throw new Error(`typed ${JSON.stringify(text)} into ${name} but it holds ${JSON.stringify(typed)}`);
}

/** The expression as the editor holds it. */
export async function expressionText(page: Page, name: string): Promise<string> {
  // One .cm-line per line of the document (innerText of the whole would add a newline per wrapped block).
  const lines = await expressionEditor(page, name).locator('.cm-line').allTextContents();
  return lines.join('\n');
}
