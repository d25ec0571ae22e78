/** The dialog of "Run on Dask cluster…": the scheduler's address and the Python interpreter that runs the exported script. */
import { useEffect, useState } from 'react';
import { startClusterRun } from '../controller/cluster-runs.js';
import { useDialog } from '../store/dialog-store.js';

export function ClusterDialog() {
  const isOpen = useDialog((s) => s.isClusterDialogOpen);
  const saved = useDialog((s) => s.cluster);
  const [address, setAddress] = useState(saved.address);
  const [python, setPython] = useState(saved.python);
  const [error, setError] = useState<string | null>(null);
  const [isStarting, setStarting] = useState(false);
  useEffect(() => {
    if (!isOpen) return;
    setAddress(saved.address);
    setPython(saved.python);
    setError(null);
  }, [isOpen, saved]);
  if (!isOpen) return null;
  const close = () => useDialog.setState({ isClusterDialogOpen: false });
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label="Run on Dask cluster">
        <h2>Run on Dask cluster</h2>
        <p className="muted">
          The pipeline's Python, as Export writes it, runs on a <code>dask.distributed</code> scheduler. The workers must see the same data files (paths are sent as this
          machine's).
        </p>
        <form
          onSubmit={async (ev) => {
            ev.preventDefault();
            setStarting(true);
            const refusal = await startClusterRun({ address, python });
            setStarting(false);
            setError(refusal);
          }}
        >
          <label className="param">
            <span className="param-name">Scheduler address</span>
            <input type="text" aria-label="Scheduler address" value={address} onChange={(e) => setAddress(e.target.value)} placeholder="tcp://127.0.0.1:8786" autoFocus spellCheck={false} />
          </label>
          <label className="param">
            <span className="param-name">Python interpreter</span>
            <span className="param-doc"> with dask and distributed installed</span>
            <input type="text" aria-label="Python interpreter" value={python} onChange={(e) => setPython(e.target.value)} spellCheck={false} />
          </label>
          {error && (
            <div className="param-error" role="alert">
              {error}
            </div>
          )}
          <div className="modal-buttons">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={isStarting || !address.trim() || !python.trim()}>
              Run
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
