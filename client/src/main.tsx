/**
 * Entry: the debug hook first (it must exist before React loads), then the page's style, the role token taken out
 * of the address (state/sessionLink.ts), the connection, then the app. `?scenario=<id>` opens presentation mode,
 * which makes its own session and connects to it (story/presenter.ts).
 */
import { twinDebug } from './debug';
import './page.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectTwin } from './net/socket';
import { takeSessionLink } from './state/sessionLink';
import { twinStore } from './state/store';
import { presentationFromUrl } from './story/presentationStore';
import { startPresentation } from './story/presenter';

const link = takeSessionLink(location.href);
if (link.address !== location.href) history.replaceState(history.state, '', link.address);
twinDebug.role = twinStore.getState().role;
twinStore.subscribe((s) => {
  twinDebug.role = s.role;
});

const presenting = presentationFromUrl(location.search);
if (presenting) void startPresentation(presenting.scenarioId);
else connectTwin({ search: link.joinSearch });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
