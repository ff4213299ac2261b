/**
 * Entry: the debug hook first (it must exist before React loads), then the connection, then the app.
 * `?scenario=<id>` opens presentation mode, which makes its own session and connects to it (story/presenter.ts).
 */
import './debug';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectTwin } from './net/socket';
import { presentationFromUrl } from './story/presentationStore';
import { startPresentation } from './story/presenter';

const presenting = presentationFromUrl(location.search);
if (presenting) void startPresentation(presenting.scenarioId);
else connectTwin();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
