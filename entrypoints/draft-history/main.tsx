import '@/utils/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HistoryApp } from '@/components/history/HistoryApp';
import '@/components/options/options.css';
import '@/components/history/history.css';
import { startFirstRead } from '@/utils/history/first-read';
import { t, uiLanguage } from '@/utils/i18n/t';

// First, before anything renders: the database read then overlaps loading the app (utils/history/first-read.ts).
const firstRead = startFirstRead(location.search);

// index.html is English; the page speaks the language the browser picked from the locale files.
document.documentElement.lang = uiLanguage();
document.title = t('history_page_title');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HistoryApp firstRead={firstRead} />
    </StrictMode>,
  );
}
