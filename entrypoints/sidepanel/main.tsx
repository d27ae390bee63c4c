import '@/utils/zod-setup';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import { db } from '@/utils/db';
import { t, uiLanguage } from '@/utils/i18n/t';
import { pinnedTabIdFrom } from '@/utils/panel/target-tab';
import '@/components/panel/panel.css';

// The database is opened now, while the ticket is read, rather than by the first draft query after it: a first
// open in a fresh panel took ≈ 100 ms of the cold start (issue #9). A failure here is reported by that query.
void db()
  .open()
  .catch(() => undefined);

// The page speaks the UI language: the title for the window list, lang for screen readers' pronunciation.
document.title = t('panel_page_title');
document.documentElement.lang = uiLanguage();

const root = document.getElementById('root');
if (root) createRoot(root).render(<PanelApp pinnedTabId={pinnedTabIdFrom(location.search)} />);
