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
import { PortUnavailableError, startWebServer } from './web/server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The checkout's samples: compiled to dist/electron/, so two folders up. */
export const SAMPLES_DIR = path.resolve(here, '../../samples');

/** Where recent files and autosave live: $WEFT_STATE_DIR, else the XDG config folder. */
export function stateDir(): string {
  return process.env.WEFT_STATE_DIR ?? path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'weft');
}

/**
 * The Electron binary, or why there is none. Read from the electron package's path.txt rather than by requiring
 * the package, whose main module tries to download a missing binary (a network call `npm start` must not make).
 */
export function findElectron(): { path: string } | { reason: string } {
  let dir: string;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return { reason: "its binary was never downloaded (run `npx install-electron` where the network allows)" };
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(dir, 'dist', relative);
  return fs.existsSync(binary) ? { path: binary } : { reason: `its binary ${binary} is missing` };
}

function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export interface StartOptions {
  port?: number;
  /** Prefer the browser mode even where Electron could start. */
  isBrowserMode?: boolean;
  out?: NodeJS.WritableStream;
  /** Where a start-up failure is told; stderr by default. */
  err?: NodeJS.WritableStream;
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
  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({ samplesDir: SAMPLES_DIR, stateDir: stateDir(), port: options.port });
  } catch (e) {
    // A taken port is the user's choice to remake, as a bad flag is: one line and exit 2, like a usage error.
    if (!(e instanceof PortUnavailableError)) throw e;
    (options.err ?? process.stderr).write(`weft: ${e.message}\n`);
    return 2;
  }
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
