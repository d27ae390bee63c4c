import '@/utils/zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HistoryApp } from '@/components/history/HistoryApp';
import '@/components/options/options.css';
import '@/components/history/history.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HistoryApp />
    </StrictMode>,
  );
}
