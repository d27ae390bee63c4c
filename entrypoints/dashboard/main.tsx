import '@/utils/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardApp } from '@/components/dashboard/DashboardApp';
import '@/components/options/options.css';
import '@/components/dashboard/dashboard.css';
import { t, uiLanguage } from '@/utils/i18n/t';

// index.html is English; the page speaks the language the browser picked from the locale files.
document.documentElement.lang = uiLanguage();
document.title = t('dashboard_page_title');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <DashboardApp />
    </StrictMode>,
  );
}
