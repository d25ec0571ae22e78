/**
 * The code pane follows the document: while it is open, every change of the pipeline is exported again by the host
 * (the engine's exporter, so the pane shows exactly what Export writes) a moment after the last edit.
 */
import { errorText, getApi } from '../api/api.js';
import { useCode } from '../store/code-store.js';
import { useDocument } from '../store/document-store.js';
import { exportBaseName } from './exports.js';
import { requestFitView } from './view-requests.js';

const EXPORT_DELAY_MS = 150;

let stopFollowing: (() => void) | null = null;

export function toggleCodePane(): void {
  if (useCode.getState().isOpen) {
    stopFollowing?.();
    stopFollowing = null;
    useCode.setState({ isOpen: false });
  } else {
    useCode.setState({ isOpen: true });
    stopFollowing = follow();
  }
  // The pane takes its width from the canvas (or gives it back): fit the pipeline to the new size once it is drawn,
  // so no node is left out of view (the canvas draws only the nodes in view).
  setTimeout(requestFitView, 50);
}

function follow(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const refresh = () => {
    const mine = ++seq;
    const { pipeline, baseDir } = useDocument.getState();
    if (pipeline.nodes.length === 0) {
      useCode.setState({ code: null, staleReason: 'The canvas is empty: add an operation to see its Python.' });
      return;
    }
    getApi()
      .request('exportCode', { pipeline, baseDir, to: 'python', scriptName: `${exportBaseName()}.py` })
      .then((code) => mine === seq && useCode.setState({ code, staleReason: null }))
      .catch((e: unknown) => mine === seq && useCode.setState({ staleReason: `Not the current pipeline's code: ${errorText(e)}` }));
  };
  refresh();
  const unsubscribe = useDocument.subscribe((state, previous) => {
    if (state.pipeline === previous.pipeline && state.path === previous.path) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, EXPORT_DELAY_MS);
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
    seq++;
  };
}
