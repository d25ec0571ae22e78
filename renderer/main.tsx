/** The renderer's entry: connect to the back end, load the first document, draw the app. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { initApi } from './api/api.js';
import { startApp } from './controller/startup.js';
import { App } from './components/App.js';

const root = document.getElementById('root')!;

initApi()
  .then(startApp)
  .then(() => createRoot(root).render(<App />))
  .catch((e: unknown) => {
    root.textContent = `Weft could not start: ${(e as Error)?.message ?? String(e)}`;
    root.className = 'fatal';
  });
