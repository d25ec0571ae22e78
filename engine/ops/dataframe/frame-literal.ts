/**
 * A frame carried inside a task (`from_dict`'s partitions): frame-codec's bytes as base64 text, so that the task stays
 * plain data that hashes, clones and prints like any other. btoa/atob are the web platform's, so planning stays free
 * of Node's Buffer.
 */
import { decodeFrame, encodeFrame } from '../../dataframe/frame-codec.js';
import type { Frame, Series } from '../../dataframe/frame.js';

/** btoa takes a binary string; building it in chunks keeps the argument list of fromCharCode short. */
const CHUNK = 0x8000;

/** A frame as text for a task. */
export function frameToLiteral(value: Frame | Series): string {
  const bytes = encodeFrame(value);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** The frame a task's text holds. */
export function frameFromLiteral(text: string): Frame | Series {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return decodeFrame(bytes);
}
