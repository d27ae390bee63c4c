import '@/utils/zod-setup';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import { db } from '@/utils/db';
import { pinnedTabIdFrom } from '@/utils/panel/target-tab';
import '@/components/panel/panel.css';

// The database is opened now, while the ticket is read, rather than by the first draft query after it: a first
// open in a fresh panel took ≈ 100 ms of the cold start (issue #9). A failure here is reported by that query.
void db()
  .open()
  .catch(() => undefined);

const root = document.getElementById('root');
if (root) createRoot(root).render(<PanelApp pinnedTabId={pinnedTabIdFrom(location.search)} />);
