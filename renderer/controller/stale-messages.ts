/**
 * A run bar message is about something; when that is gone, so is the message. Policy, per cause:
 * - "the canvas is empty": gone once the canvas has a node;
 * - "the pipeline has N problems": kept in step with the problems (the list shrinks as they are fixed), gone at none;
 * - "select the node to run up to": gone once something is selected;
 * - "Run failed at node X": gone once X (or anything upstream of it: its signature) changes or X is deleted; a failure
 *   without a node goes at the first edit of any node.
 * Messages without a cause (a finished run, a cancel) stay until the next run or a dismissal.
 */
import { useDocument, type DocumentState, type RunMessage } from '../store/document-store.js';
import { nodeSignatures } from '../node-signature.js';

function isStillTrue(message: RunMessage, state: DocumentState): boolean | RunMessage {
  const cause = message.cause;
  if (!cause) return true;
  switch (cause.kind) {
    case 'empty-canvas':
      return state.pipeline.nodes.length === 0;
    case 'no-selection':
      return state.selection.length === 0;
    case 'problems':
      if (state.problems.length === 0) return false;
      if (message.problems === state.problems) return true;
      return { ...message, text: problemsText(state.problems.length), problems: state.problems };
    case 'run-failed': {
      const now = nodeSignatures(state.pipeline);
      if (cause.nodeId !== undefined) return now[cause.nodeId] !== undefined && now[cause.nodeId] === cause.signatures[cause.nodeId];
      const ids = Object.keys(now);
      return ids.length === Object.keys(cause.signatures).length && ids.every((id) => now[id] === cause.signatures[id]);
    }
  }
}

/** The run bar's words for a document with problems (shared with runs.ts, so an updated message reads the same). */
export function problemsText(count: number): string {
  return `Cannot run: the pipeline has ${count} problem${count === 1 ? '' : 's'}. Fix ${count === 1 ? 'it' : 'them'} first:`;
}

/** A store listener: drops or updates the run bar message when what it reports has changed. */
export function clearStaleMessages(state: DocumentState, previous: DocumentState): void {
  const message = state.runMessage;
  if (!message?.cause) return;
  if (state.pipeline === previous.pipeline && state.problems === previous.problems && state.selection === previous.selection && message === previous.runMessage) return;
  const verdict = isStillTrue(message, state);
  if (verdict === true) return;
  useDocument.setState({ runMessage: verdict === false ? null : verdict });
}
