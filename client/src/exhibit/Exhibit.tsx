/**
 * The exhibit page (/exhibit, loaded lazily so the twin's start-up bundle does not carry it): the live city
 * fills the screen and the exhibit's screens float over it. A touch anywhere counts as activity for the idle
 * timer (kiosk.ts); the language of every string is the store's, switched at once through i18next.
 */
import { useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import { CityScene } from '../scene/CityScene';
import { exhibitStore, useExhibit } from './exhibitStore';
import { exhibitIdFromUrl } from './exhibitUrl';
import { exhibitI18n } from './i18n';
import { startKiosk } from './kiosk';
import { lockDown } from './lockdown';
import { AttractScreen, ChapterScreen, Countdown, LanguageBar, StoryCards } from './Screens';
import './exhibit.css';

export default function Exhibit() {
  const screen = useExhibit((s) => s.screen);
  const language = useExhibit((s) => s.language);
  const session = useExhibit((s) => s.visitorSessionId);
  useEffect(() => startKiosk(exhibitIdFromUrl(location.search)), []);
  useEffect(lockDown, []);
  useEffect(() => {
    void exhibitI18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);
  return (
    <I18nextProvider i18n={exhibitI18n}>
      <main
        className="exhibit"
        data-screen={screen}
        data-session={session ?? ''}
        onPointerDown={() => exhibitStore.getState().touch()}
      >
        <CityScene />
        {screen === 'attract' && <AttractScreen />}
        {screen === 'cards' && <StoryCards />}
        {screen === 'chapter' && <ChapterScreen />}
        <LanguageBar />
        <Countdown />
      </main>
    </I18nextProvider>
  );
}
