/**
 * Asking the host what is wrong with the document. Problems such as a missing data file depend on the disk, not only
 * on the document, so besides after every edit they are asked for again when the window regains focus (the user may
 * have copied the file meanwhile) and before a run. One sequence number for all callers: only the answer to the
 * latest question is applied, so a slow answer about an older document never overwrites a newer one.
 */
import { getApi } from '../api/api.js';
import { useDocument } from '../store/document-store.js';

let latest = 0;

/** Validates the document as it is now and shows the answer (its problems, and its nodes' schemas); resolves when it is applied (or superseded). */
export async function revalidate(): Promise<void> {
  const seq = ++latest;
  const { pipeline, baseDir } = useDocument.getState();
  try {
    const { problems, schemas } = await getApi().request('analyze', { pipeline, baseDir });
    if (seq === latest && useDocument.getState().pipeline === pipeline) useDocument.setState({ problems, schemas });
  } catch {
    // A lost connection says so on the next request the user makes; validation just keeps the last answer.
  }
}

/** Re-checks when the window comes back to the front; returns the function that stops it. */
export function revalidateOnFocus(): () => void {
  const onFocus = () => void revalidate();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void revalidate();
  };
  window.addEventListener('focus', onFocus);
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.removeEventListener('focus', onFocus);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
