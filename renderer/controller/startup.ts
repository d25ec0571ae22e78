/**
 * Start: learn the operations and settings from the host, then put back unsaved work if the last session left some
 * (a crash or a reloaded page), else open the bag-basics tutorial ready to run.
 */
import type { AppInfo } from '../../electron/ipc/contract.js';
import { getApi } from '../api/api.js';
import { loadDocument, useDocument } from '../store/document-store.js';
import { ensureLayout } from './ensure-layout.js';
import { startBackgroundWork } from './background.js';
import { onHostEvent } from './runs.js';
import { onMenuCommand } from './menu-commands.js';

const FIRST_SAMPLE = 'bag-basics.weft.json';

export async function startApp(): Promise<AppInfo> {
  const api = getApi();
  const info = await api.request('getAppInfo', {});
  useDocument.setState({ info, ops: new Map(info.operations.map((o) => [o.op, o])), collections: new Map(info.collections.map((c) => [c.kind, c])) });
  api.onEvent((event) => (event.kind === 'menu' ? onMenuCommand(event.command) : onHostEvent(event)));
  if (info.recovery) {
    const r = info.recovery;
    loadDocument(r.pipeline, r.path, r.baseDir, { isDirty: r.isDirty });
    useDocument.setState({ recoveredAt: r.savedAt });
    useDocument.setState({ problems: await api.request('validate', { pipeline: r.pipeline, baseDir: r.baseDir }) });
  } else if (info.samples.some((s) => s.file === FIRST_SAMPLE)) {
    const doc = await api.request('openSample', { file: FIRST_SAMPLE });
    loadDocument(doc.pipeline, doc.path, doc.baseDir, { problems: doc.problems, sampleFile: FIRST_SAMPLE });
  } else {
    useDocument.setState({ baseDir: info.defaultDir });
  }
  await ensureLayout();
  startBackgroundWork();
  return info;
}
