/** The line under the toolbar that explains the last run, or why it could not start, and shows short notices. */
import { useEffect } from 'react';
import { useDocument } from '../store/document-store.js';

const NOTICE_MS = 6000;

export function RunBar() {
  const message = useDocument((s) => s.runMessage);
  const notice = useDocument((s) => s.notice);
  useEffect(() => {
    if (!notice || notice.isSticky) return;
    const timer = setTimeout(() => useDocument.getState().notice === notice && useDocument.setState({ notice: null }), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return (
    <div className="run-bar">
      {message && (
        <div className={`run-message is-${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} aria-label="Run message">
          <span>{message.text}</span>
          {message.problems && (
            <ul>
              {message.problems.map((p, i) => (
                <li key={i}>
                  {p.nodeId && (
                    <button type="button" className="link" onClick={() => useDocument.setState({ selection: [p.nodeId!] })}>
                      {p.nodeId}
                    </button>
                  )}{' '}
                  {p.message}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="link" aria-label="Dismiss run message" onClick={() => useDocument.setState({ runMessage: null })}>
            ×
          </button>
        </div>
      )}
      {notice && (
        <div className="notice" role="status" aria-label="Notice">
          {notice.text}
          {notice.isSticky && (
            <button type="button" className="link" aria-label="Dismiss notice" onClick={() => useDocument.setState({ notice: null })}>
              ×
            </button>
          )}
        </div>
      )}
    </div>
  );
}
