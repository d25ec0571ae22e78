/** The app's file picker, driven as a user does: type a path, press Enter. */
import type { Page } from 'playwright-core';

export async function chooseInFileDialog(page: Page, title: string, file: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  await dialog.getByRole('textbox', { name: 'File path' }).fill(file);
  await dialog.getByRole('textbox', { name: 'File path' }).press('Enter');
  await dialog.waitFor({ state: 'detached' });
}

export async function openFile(page: Page, file: string): Promise<void> {
  await page.getByRole('button', { name: 'Open…' }).click();
  await chooseInFileDialog(page, 'Open pipeline', file);
}
