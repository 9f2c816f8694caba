import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setClient, setUpClient } from './api/index.js';
import { App } from './App.js';
import { NotConnected } from './NotConnected.js';
import { wireEvents } from './stores/eventWiring.js';
import './styles/index.css';

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
const root = createRoot(rootElement);

const setup = setUpClient();
if (setup.ok) {
  setClient(setup.client);
  wireEvents(setup.client);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} else {
  root.render(
    <StrictMode>
      <NotConnected />
    </StrictMode>,
  );
}
