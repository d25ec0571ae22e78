/** Requests to the canvas component (which owns the viewport) from commands that live outside React. */
type Listener = () => void;
const fitListeners = new Set<Listener>();

export function onFitViewRequest(listener: Listener): () => void {
  fitListeners.add(listener);
  return () => fitListeners.delete(listener);
}

export function requestFitView(): void {
  for (const listener of fitListeners) listener();
}
