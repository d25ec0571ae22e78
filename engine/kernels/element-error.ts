import { PyException, toPyException } from '../expr/py-exception.js';
import { pyRepr } from '../values/repr.js';

const ELEMENT_PREVIEW = 160;

/** A failure of user code on one element, remembering which node and which element. */
export class ElementError extends Error {
  constructor(
    readonly nodeId: string,
    readonly pyMessage: string,
    readonly element: string | null,
  ) {
    super(pyMessage);
  }
}

/** A short repr of an element for an error message: enough to recognise it, never a whole partition. */
export function previewElement(value: unknown): string {
  let text: string;
  try {
    text = pyRepr(value);
  } catch {
    text = String(value);
  }
  return text.length > ELEMENT_PREVIEW ? text.slice(0, ELEMENT_PREVIEW - 3) + '...' : text;
}

/** Wraps what user code threw on `element` in node `nodeId`; errors already wrapped pass through. */
export function elementError(error: unknown, nodeId: string, element: unknown, hasElement = true): ElementError {
  if (error instanceof ElementError) return error;
  const py: PyException = toPyException(error);
  return new ElementError(nodeId, py.message, hasElement ? previewElement(element) : null);
}
