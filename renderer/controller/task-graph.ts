/** Fetches the compiled task graph of the document (or of the selected nodes' upstream) for the task graph view. */
import { errorText, getApi } from '../api/api.js';
import { useDocument } from '../store/document-store.js';

export async function refreshTaskGraph(targets?: string[]): Promise<void> {
  const { pipeline, baseDir, problems } = useDocument.getState();
  if (pipeline.nodes.length === 0) {
    useDocument.setState({ taskGraph: null, taskGraphError: 'The canvas is empty.' });
    return;
  }
  if (problems.length > 0) {
    useDocument.setState({ taskGraph: null, taskGraphError: `The pipeline has ${problems.length} problem(s); the task graph is drawn once it is valid.` });
    return;
  }
  try {
    const graph = await getApi().request('planGraph', { pipeline, baseDir, targets });
    if (useDocument.getState().pipeline === pipeline) useDocument.setState({ taskGraph: graph, taskGraphError: null });
  } catch (e) {
    useDocument.setState({ taskGraph: null, taskGraphError: errorText(e) });
  }
}
