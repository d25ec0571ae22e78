/**
 * Renames a node (its id is its name in the file, in results and in other nodes' inputs): one undo step. Refused,
 * with the reason, when the name is empty, taken, or reserved.
 */
import { edit, notify, useDocument } from '../store/document-store.js';

export function renameProblem(from: string, to: string): string | null {
  if (to === from) return null;
  if (!/^[A-Za-z_][\w-]*$/.test(to)) return `'${to}' is not a usable name: use letters, digits, _ and -, starting with a letter or _`;
  if (to.startsWith('__')) return `names starting with "__" are reserved`;
  if (useDocument.getState().pipeline.nodes.some((n) => n.id === to)) return `there is already a node named '${to}'`;
  return null;
}

export function renameNode(from: string, to: string): boolean {
  const problem = renameProblem(from, to);
  if (problem) {
    notify(`Cannot rename ${from}: ${problem}`);
    return false;
  }
  if (to === from) return true;
  edit(`Rename ${from} to ${to}`, (pipeline) => {
    const layout = { ...pipeline.layout };
    if (layout[from]) {
      layout[to] = layout[from];
      delete layout[from];
    }
    return {
      ...pipeline,
      nodes: pipeline.nodes.map((n) => {
        const renamed = n.id === from ? { ...n, id: to } : n;
        return renamed.inputs?.includes(from) ? { ...renamed, inputs: renamed.inputs.map((i) => (i === from ? to : i)) } : renamed;
      }),
      layout,
    };
  });
  const state = useDocument.getState();
  useDocument.setState({ selection: state.selection.map((id) => (id === from ? to : id)) });
  return true;
}
