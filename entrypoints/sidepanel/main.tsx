import '@/utils/zod-setup';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import { pinnedTabIdFrom } from '@/utils/panel/target-tab';
import '@/components/panel/panel.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<PanelApp pinnedTabId={pinnedTabIdFrom(location.search)} />);
