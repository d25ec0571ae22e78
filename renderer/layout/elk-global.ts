/** The layout engine as its own script (dist/renderer/elk.js): 1.5 MB that the app's start does not need to parse. */
import ELK from 'elkjs/lib/elk.bundled.js';

(globalThis as { WeftElk?: typeof ELK }).WeftElk = ELK;
