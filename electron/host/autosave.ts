/**
 * Autosave: the open document is written to the app's state folder a moment after every edit, and cleared when
 * the user closes or replaces it on purpose. A record still there at start means the last session ended without
 * that (a crash, a killed process, a reloaded page), and the app offers it back.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AutosaveRecord } from '../ipc/contract.js';
import { HostFailure } from './host-failure.js';
import { fileErrorReason, writeFileAtomically } from './write-file.js';

export class Autosave {
  constructor(private readonly stateDir: string) {}

  write(record: AutosaveRecord): { savedAt: number } {
    try {
      fs.mkdirSync(this.stateDir, { recursive: true });
    } catch (e) {
      throw new HostFailure('FILE_WRITE', `cannot make the app's state folder ${this.stateDir}: ${fileErrorReason(e)}`);
    }
    writeFileAtomically(this.file(), JSON.stringify(record));
    return { savedAt: record.savedAt };
  }

  read(): AutosaveRecord | null {
    try {
      const record = JSON.parse(fs.readFileSync(this.file(), 'utf8')) as AutosaveRecord;
      return record && typeof record === 'object' && record.pipeline && Array.isArray(record.pipeline.nodes) ? record : null;
    } catch {
      return null;
    }
  }

  clear(): void {
    fs.rmSync(this.file(), { force: true });
  }

  private file(): string {
    return path.join(this.stateDir, 'autosave.json');
  }
}
