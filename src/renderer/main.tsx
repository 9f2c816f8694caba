import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { setClient, setUpClient } from './api/index.js';
import { App } from './App.js';
import { reportDevice } from './device/report.js';
import { NotConnected } from './NotConnected.js';
import { wireEvents } from './stores/eventWiring.js';
import './styles/index.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
const root: Root = createRoot(rootElement);

function showNotConnected(refused: boolean): void {
  root.render(
    <StrictMode>
      <NotConnected refused={refused} />
    </StrictMode>,
  );
}

let unwire: (() => void) | null = null;
const setup = setUpClient(() => {
  unwire?.();
  showNotConnected(true);
});
if (setup.ok) {
  setClient(setup.client);
  unwire = wireEvents(setup.client);
  // The cloud's fraud rules get this machine's id instead of its host name; without it main falls back to the install's own.
  void reportDevice(setup.client).catch(() => undefined);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  showNotConnected(false);
}
