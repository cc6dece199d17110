import './ui/styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app/App';
import { loadChosenLanguage } from './i18n/language.store';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
void loadChosenLanguage().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
