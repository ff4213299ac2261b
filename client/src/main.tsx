/**
 * Entry: the debug hook first (it must exist before React loads), then the page's style, the role token taken out
 * of the address (state/sessionLink.ts), the connection, then the page the path names (route.ts): the twin, a
 * trainee's console (/train), the instructor's station (/instruct) or a run's debrief (/runs, /runs/:id).
 * `?scenario=<id>` opens presentation mode, which makes its own session and connects to it (story/presenter.ts).
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
import { routeOf } from './route';
import { TraineeConsole } from './training/trainee/TraineeConsole';
import { InstructorStation } from './training/instructor/InstructorStation';
import { DebriefPage } from './training/debrief/DebriefPage';

const link = takeSessionLink(location.href);
if (link.address !== location.href) history.replaceState(history.state, '', link.address);
twinDebug.role = twinStore.getState().role;
twinStore.subscribe((s) => {
  twinDebug.role = s.role;
});

const route = routeOf(location.pathname);
// The training consoles join their run's session themselves, once the trainee has joined or the instructor logged in;
// a debrief reads the record only.
const presenting = route === 'twin' ? presentationFromUrl(location.search) : null;
if (presenting) void startPresentation(presenting.scenarioId);
else if (route === 'twin') connectTwin({ search: link.joinSearch });
const page = {
  twin: <App />,
  train: <TraineeConsole />,
  instruct: <InstructorStation />,
  debrief: <DebriefPage />,
  exhibit: <App exhibit />,
}[route];
createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);
