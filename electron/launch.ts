/**
 * `weft start`: opens the Electron app when Electron's binary is installed and a display is there to show it;
 * otherwise starts the browser mode and prints its URL (opening it in the default browser where there is a desktop).
 * Either way the app opens on the bag-basics sample, or on the unsaved work the last session left.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWebServer } from './web/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The checkout's samples: compiled to dist/electron/, so two folders up. */
export const SAMPLES_DIR = path.resolve(here, '../../samples');

/** Where recent files and autosave live: $WEFT_STATE_DIR, else the XDG config folder. */
export function stateDir(): string {
  return process.env.WEFT_STATE_DIR ?? path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'weft');
}

/** The Electron binary, or why there is none. */
export function findElectron(): { path: string } | { reason: string } {
  try {
    // The electron package's main export is the path of its binary; it throws when the download never happened.
    const binary = createRequire(import.meta.url)('electron') as unknown;
    if (typeof binary === 'string' && fs.existsSync(binary)) return { path: binary };
    return { reason: 'its binary is not installed' };
  } catch (e) {
    return { reason: (e as Error).message.split('\n')[0] };
  }
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export interface StartOptions {
  port?: number;
  /** Prefer the browser mode even where Electron could start. */
  isBrowserMode?: boolean;
  out?: NodeJS.WritableStream;
}

export async function startApp(options: StartOptions = {}): Promise<number> {
  const out = options.out ?? process.stdout;
  const electron = findElectron();
  if (!options.isBrowserMode && 'path' in electron && hasDisplay()) {
    const main = path.join(here, 'main/main.js');
    const child = spawn(electron.path, [main], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  }
  const why = options.isBrowserMode ? 'browser mode requested' : 'path' in electron ? 'no display for a desktop window' : `Electron is not available: ${electron.reason}`;
  const server = await startWebServer({ samplesDir: SAMPLES_DIR, stateDir: stateDir(), port: options.port });
  out.write(`Weft is running in browser mode (${why}).\nOpen this URL (it carries the access token; it works from this machine only):\n\n  ${server.url}\n\nPress Ctrl-C to stop.\n`);
  if (hasDisplay()) openInBrowser(server.url);
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  // No browser to open is fine: the URL is printed.
  child.on('error', () => {});
  child.unref();
}
