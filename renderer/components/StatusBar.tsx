/** The status bar: the engine's scheduler, workers, memory (used of the limit) and spill, the run, and autosave. */
import { useDocument } from '../store/document-store.js';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function StatusBar() {
  const info = useDocument((s) => s.info);
  const run = useDocument((s) => s.run);
  const memory = useDocument((s) => s.memoryBytes);
  const spilled = useDocument((s) => s.spilledBytes);
  const autosavedAt = useDocument((s) => s.autosavedAt);
  const isAutosavePending = useDocument((s) => s.isAutosavePending);
  const recoveredAt = useDocument((s) => s.recoveredAt);
  const problems = useDocument((s) => s.problems.length);
  return (
    <footer className="status-bar" aria-label="Status">
      <span>scheduler: {info?.scheduler ?? '…'}</span>
      <span>workers: {info?.workers ?? '…'}</span>
      <span>
        memory: {memory ? formatBytes(memory) : '–'} of {info ? formatBytes(info.memoryLimitBytes) : '…'}
      </span>
      <span>spilled: {formatBytes(spilled)}</span>
      <span aria-label="Run status">run: {run ? `${run.status}${run.tasks ? ` (${run.tasks} tasks)` : ''}` : 'none yet'}</span>
      <span className={problems ? 'has-problems' : ''}>{problems ? `${problems} problem${problems === 1 ? '' : 's'}` : 'valid'}</span>
      {recoveredAt && <span>recovered unsaved work from {new Date(recoveredAt).toLocaleTimeString()}</span>}
      <span aria-label="Autosave">{isAutosavePending ? 'autosaving…' : autosavedAt ? `autosaved ${new Date(autosavedAt).toLocaleTimeString()}` : 'not autosaved yet'}</span>
      <span className="muted">{info?.transport === 'web' ? 'browser mode' : 'desktop'}</span>
    </footer>
  );
}
