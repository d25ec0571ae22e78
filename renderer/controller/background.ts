/**
 * What follows every change of the document without the user asking: validation (so the inspector shows errors as
 * you type, with the engine's own parser) and autosave (so nothing is lost if the app or the page goes away).
 */
import { getApi } from '../api/api.js';
import { isDirty, useDocument } from '../store/document-store.js';

const VALIDATE_DELAY_MS = 120;
const AUTOSAVE_DELAY_MS = 300;

export function startBackgroundWork(): () => void {
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  let validateSeq = 0;
  const unsubscribe = useDocument.subscribe((state, previous) => {
    if (state.pipeline === previous.pipeline && state.baseDir === previous.baseDir && state.path === previous.path) return;
    clearTimeout(validateTimer);
    validateTimer = setTimeout(() => {
      const seq = ++validateSeq;
      const { pipeline, baseDir } = useDocument.getState();
      getApi()
        .request('validate', { pipeline, baseDir })
        .then((problems) => {
          if (seq === validateSeq) useDocument.setState({ problems });
        })
        .catch(() => {});
    }, VALIDATE_DELAY_MS);
    clearTimeout(autosaveTimer);
    if (!state.isAutosavePending) useDocument.setState({ isAutosavePending: true });
    autosaveTimer = setTimeout(() => {
      const current = useDocument.getState();
      const record = { path: current.path, baseDir: current.baseDir, pipeline: current.pipeline, isDirty: isDirty(current), savedAt: Date.now() };
      getApi()
        .request('autosave', { record })
        .then(({ savedAt }) => useDocument.setState({ autosavedAt: savedAt, isAutosavePending: useDocument.getState().pipeline !== record.pipeline }))
        .catch(() => {});
    }, AUTOSAVE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    clearTimeout(validateTimer);
    clearTimeout(autosaveTimer);
  };
}
