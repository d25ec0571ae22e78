/**
 * One app for one e2e test: the browser mode's server on a random port with its own state folder (recent files,
 * autosave) and a samples workspace with the KDD file linked in, and a Chromium page on its URL. Screenshots go to
 * test-results/<test>/ for a person to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../../electron/web/server.js';
import { REPO_ROOT } from '../../support/environment.js';
import { makeSamplesWorkspace } from '../../support/samples-workspace.js';
import { launchChromium } from './browser.js';

export interface AppSession {
  server: WebServer;
  browser: Browser;
  page: Page;
  samplesDir: string;
  stateDir: string;
  /** A scratch folder for files the test saves. */
  workDir: string;
  /** Console errors and page errors seen so far: a test fails on any. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface AppOptions {
  workers?: number;
  /** Start without the samples' data file, as on a fresh clone before `weft fetch-data`. */
  isWithoutSampleData?: boolean;
  /** Where "Download the sample data" fetches from (a local server in tests: this machine is offline). */
  sampleDataUrl?: string;
}

export async function openApp(testName: string, options: AppOptions = {}): Promise<AppSession> {
  const samplesDir = makeSamplesWorkspace();
  if (options.isWithoutSampleData) fs.rmSync(path.join(samplesDir, 'data'), { recursive: true, force: true });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-state-'));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-work-'));
  const server = await startWebServer({ samplesDir, stateDir, workers: options.workers ?? 2, ...(options.sampleDataUrl ? { sampleDataUrl: options.sampleDataUrl } : {}) });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  await page.goto(server.url);
  await page.getByRole('toolbar', { name: 'Main toolbar' }).waitFor();
  const shots = path.join(REPO_ROOT, 'test-results', testName);
  fs.mkdirSync(shots, { recursive: true });
  return {
    server,
    browser,
    page,
    samplesDir,
    stateDir,
    workDir,
    errors,
    async screenshot(name) {
      const file = path.join(shots, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      // The last screen, whatever happened: the first thing to look at when a test fails.
      await page.screenshot({ path: path.join(shots, 'last.png') }).catch(() => {});
      await browser.close();
      await server.close();
      for (const dir of [samplesDir, stateDir, workDir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
