/**
 * Run on Dask cluster: the whole document, exported as Python by the host and run against the scheduler the user
 * names. Its events are a local run's (runs.ts applies them), so states, results and failures show on the canvas the
 * same way, and Cancel stops it the same way.
 */
import { errorText, getApi } from '../api/api.js';
import { useDialog, type ClusterSettings } from '../store/dialog-store.js';
import { useDocument } from '../store/document-store.js';
import { nodeSignatures } from '../node-signature.js';
import { isReadyToRun } from './runs.js';
import { revalidate } from './revalidate.js';

export function openClusterDialog(): void {
  if (!isReadyToRun()) return;
  useDialog.setState({ isClusterDialogOpen: true });
}

/** Starts the run; resolves to an error message for the dialog when the host refuses it (a malformed address). */
export async function startClusterRun(settings: ClusterSettings): Promise<string | null> {
  // As a local run, it goes by the data files as they are on disk now.
  await revalidate();
  if (!isReadyToRun()) return null;
  const { pipeline, baseDir } = useDocument.getState();
  const address = settings.address.trim();
  const previous = { run: useDocument.getState().run, nodeStates: useDocument.getState().nodeStates, stateSignatures: useDocument.getState().stateSignatures };
  // As a local run: what arrives belongs to the pipeline as it is now, whatever is edited while it runs.
  useDocument.setState({ run: { runId: '', status: 'starting', tasks: 0, cluster: address }, runMessage: null, nodeStates: {}, taskStates: {}, spilledBytes: 0, stateSignatures: nodeSignatures(pipeline) });
  try {
    const { runId } = await getApi().request('startClusterRun', { pipeline, baseDir, address, python: settings.python.trim() });
    useDialog.setState({ isClusterDialogOpen: false, cluster: { address, python: settings.python.trim() } });
    const run = useDocument.getState().run;
    if (run && run.runId === '') useDocument.setState({ run: { ...run, runId } });
    return null;
  } catch (e) {
    // Refused before it started (a malformed address): the dialog says why, and the canvas is as it was.
    useDocument.setState(previous);
    return errorText(e);
  }
}
