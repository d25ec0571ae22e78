/**
 * elkjs, loaded the first time a layout is needed (auto-layout, a document without positions, the task graph
 * view) rather than with the app: it is three quarters of the renderer's code, and the app must be interactive fast.
 */
import type ELK from 'elkjs/lib/elk.bundled.js';

export type Elk = InstanceType<typeof ELK>;

let loading: Promise<Elk> | null = null;

export function loadElk(): Promise<Elk> {
  loading ??= new Promise<Elk>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'elk.js';
    script.onload = () => {
      const Constructor = (globalThis as { WeftElk?: typeof ELK }).WeftElk;
      if (Constructor) resolve(new Constructor());
      else reject(new Error('elk.js loaded without the layout engine'));
    };
    script.onerror = () => {
      loading = null;
      reject(new Error('cannot load the layout engine (elk.js)'));
    };
    document.head.append(script);
  });
  return loading;
}
