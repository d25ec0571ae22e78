/**
 * What follows every change of the document without the user asking: validation (so the inspector shows errors as
 * you type, with the engine's own parser; again when the window regains focus, for files that appeared meanwhile),
 * autosave (so nothing is lost if the app or the page goes away), and run bar messages whose cause has gone.
 */
import { getApi } from '../api/api.js';
import { isDirty, useDocument } from '../store/document-store.js';
import { revalidate, revalidateOnFocus } from './revalidate.js';
import { clearStaleMessages } from './stale-messages.js';

const VALIDATE_DELAY_MS = 120;
const AUTOSAVE_DELAY_MS = 300;

export function startBackgroundWork(): () => void {
  let validateTimer: ReturnType<typeof setTimeout> | undefined;
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  const stopFocus = revalidateOnFocus();
  const stopStale = useDocument.subscribe(clearStaleMessages);
  const unsubscribe = useDocument.subscribe((state, previous) => {
    if (state.pipeline === previous.pipeline && state.baseDir === previous.baseDir && state.path === previous.path) return;
    clearTimeout(validateTimer);
    validateTimer = setTimeout(() => void revalidate(), VALIDATE_DELAY_MS);
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
    stopFocus();
    stopStale();
    clearTimeout(validateTimer);
    clearTimeout(autosaveTimer);
  };
}
