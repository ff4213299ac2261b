/** Entry: the debug hook first (it must exist before React loads), then the connection, then the app. */
import './debug';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectTwin } from './net/socket';

connectTwin();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
