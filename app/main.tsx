import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initialScenario } from './initialScenario.ts';
import { SimProvider } from './store/context.tsx';
import { createSimStore } from './store/store.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('Folioscope: #root element missing from index.html');
}

const store = createSimStore(initialScenario());

createRoot(container).render(
  <StrictMode>
    <SimProvider store={store}>
      <App />
    </SimProvider>
  </StrictMode>,
);
