// First: in dev, React Refresh's preamble must load as a module, since the CSP blocks the
// inline script Vite would otherwise add. In a production build this import is empty.
import '@vitejs/plugin-react/preamble';
// Before anything parses with zod (see the file for why).
import './api/zodConfig.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
