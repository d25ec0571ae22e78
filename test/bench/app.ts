/**
 * The app's speed, in headless Chromium against the browser mode: a 300-node canvas panned and zoomed (frames per
 * second while it moves), how many progress messages a run of thousands of tasks sends per second (the host batches
 * them to at most 10), and the time from `weft start` to a canvas showing the first sample's nodes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { serializePipeline, type PipelineFile } from '../../engine/index.js';
import { startWebServer } from '../../electron/web/server.js';
import { launchChromium } from '../e2e/support/browser.js';
import { REPO_ROOT } from '../support/environment.js';
import { makeSamplesWorkspace } from '../support/samples-workspace.js';
import type { CellsTable } from './table.js';

/** A grid of 300 nodes: 30 chains of ten maps, each chain read from its own sequence. */
function bigCanvas(): PipelineFile {
  const nodes: PipelineFile['nodes'] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  for (let chain = 0; chain < 30; chain++) {
    for (let step = 0; step < 10; step++) {
      const id = `c${chain}_${step}`;
      nodes.push(step === 0 ? { id, op: 'bag.from_sequence', params: { seq: `range(${chain + 10})` } } : { id, op: 'bag.map', inputs: [`c${chain}_${step - 1}`], params: { func: `lambda x: x + ${step}` } });
      layout[id] = { x: step * 260, y: chain * 110 };
    }
  }
  return { weft: 1, name: '300 nodes', nodes, layout };
}

async function canvasFps(log: (line: string) => void): Promise<{ fps: number; frames: number; seconds: number }> {
  const samplesDir = makeSamplesWorkspace();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-state-'));
  const file = path.join(samplesDir, 'big.weft.json');
  fs.writeFileSync(file, serializePipeline(bigCanvas()));
  const server = await startWebServer({ samplesDir, stateDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.getByRole('textbox', { name: 'File path' }).fill(file);
    await page.getByRole('textbox', { name: 'File path' }).press('Enter');
    await page.locator('.react-flow__node[data-id="c29_9"]').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    log(`app: ${await page.locator('.react-flow__node').count()} of 300 nodes drawn after fit view; panning and zooming for 3 s`);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    // Zoom in to where nodes are readable (and many are drawn), then pan and zoom while counting frames.
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -120);
    await page.evaluate(`(() => { window.__weftFrames = 0; const tick = () => { window.__weftFrames++; requestAnimationFrame(tick); }; requestAnimationFrame(tick); })()`);
    const started = Date.now();
    let step = 0;
    while (Date.now() - started < 3000) {
      const dx = Math.sin(step / 10) * 300;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + dx, cy + dx / 2, { steps: 10 });
      await page.mouse.up();
      await page.mouse.wheel(0, step % 2 === 0 ? 100 : -100);
      step++;
    }
    const frames = Number(await page.evaluate('window.__weftFrames'));
    const seconds = (Date.now() - started) / 1000;
    return { fps: frames / seconds, frames, seconds };
  } finally {
    await browser.close();
    await server.close();
    fs.rmSync(samplesDir, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/** A run of 4,000 small tasks over the socket, as a window sees it: the most progress messages in any 1 s window. */
async function progressRate(): Promise<{ perSecond: number; messages: number; seconds: number; tasks: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-progress-'));
  const server = await startWebServer({ samplesDir: dir, stateDir: dir });
  try {
    const url = new URL(server.url);
    const ws = new WebSocket(`ws://${url.host}/socket?token=${server.token}`, { origin: url.origin });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const pipeline: PipelineFile = {
      weft: 1,
      nodes: [
        { id: 'n', op: 'bag.from_sequence', params: { seq: 'range(4000)', npartitions: 4000 } },
        { id: 'm', op: 'bag.map', inputs: ['n'], params: { func: 'lambda x: sum(range(20000))' } },
        { id: 's', op: 'bag.sum', inputs: ['m'] },
      ],
    };
    const times: number[] = [];
    let tasks = 0;
    let startedAt = 0;
    const ended = new Promise<number>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { kind: string; event?: { kind: string; tasks?: number } };
        if (message.kind !== 'event') return;
        if (message.event?.kind === 'run-start') {
          startedAt = Date.now();
          tasks = message.event.tasks ?? 0;
        }
        if (message.event?.kind === 'run-progress') times.push(Date.now());
        if (message.event?.kind === 'run-end') resolve(Date.now());
      }),
    );
    ws.send(JSON.stringify({ id: 1, name: 'startRun', params: { pipeline, baseDir: dir } }));
    const endedAt = await ended;
    ws.close();
    const seconds = (endedAt - startedAt) / 1000;
    const busiest = Math.max(0, ...times.map((t, i) => times.filter((u, j) => j >= i && u < t + 1000).length));
    return { perSecond: busiest, messages: times.length, seconds, tasks };
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** From spawning `weft start` to the first sample's nodes on screen (Chromium is started first, as the user's browser would be). */
async function timeToInteractive(): Promise<{ seconds: number; urlSeconds: number }> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bench-start-'));
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/weft.js'), 'start', '--browser'], { env: { ...process.env, WEFT_STATE_DIR: state, DISPLAY: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.exec(out);
        if (match) resolve(match[0]);
      });
      child.on('exit', (code) => reject(new Error(`weft start exited with ${code}: ${out}`)));
    });
    const urlSeconds = (Date.now() - started) / 1000;
    await page.goto(url);
    await page.locator('.react-flow__node[data-id="normal_count"]').waitFor();
    return { seconds: (Date.now() - started) / 1000, urlSeconds };
  } finally {
    child.kill('SIGINT');
    await browser.close();
    fs.rmSync(state, { recursive: true, force: true });
  }
}

export async function runAppSection(log: (line: string) => void): Promise<CellsTable> {
  log('app: time to interactive');
  const tti = await timeToInteractive();
  log('app: progress messages of a 4,000-task run');
  const progress = await progressRate();
  log('app: 300-node canvas');
  const canvas = await canvasFps(log);
  return {
    title: 'App (browser mode, headless Chromium)',
    columns: [
      { header: 'measured', isNumeric: true },
      { header: 'detail', isNumeric: false },
    ],
    rows: [
      { name: 'canvas of 300 nodes: pan + zoom', cells: [`${canvas.fps.toFixed(1)} fps`, `${canvas.frames} frames in ${canvas.seconds.toFixed(1)} s`], target: '>= 30 fps', ok: canvas.fps >= 30 },
      { name: 'progress messages, busiest second', cells: [`${progress.perSecond} in 1 s`, `${progress.messages} messages, ${progress.tasks} tasks, ${progress.seconds.toFixed(1)} s`], target: '<= 10 /s', ok: progress.perSecond <= 10 },
      { name: 'weft start to interactive', cells: [`${tti.seconds.toFixed(2)} s`, `URL printed after ${tti.urlSeconds.toFixed(2)} s`], target: '<= 0.8 s (issue 12)', ok: tti.seconds <= 0.8 },
    ],
    notes: ['fps: requestAnimationFrame callbacks per second while the test drags and wheels the canvas; headless, no GPU.'],
  };
}
