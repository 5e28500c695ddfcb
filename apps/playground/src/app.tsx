import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { ChatPage } from './pages/chat.js';
import { ComparePage } from './pages/compare.js';
import { DashboardPage } from './pages/dashboard.js';
import { ModelsPage } from './pages/models.js';

const PAGES = [
  { path: '/', label: 'Chat' },
  { path: '/compare', label: 'Compare' },
  { path: '/dashboard', label: 'Dashboard' },
  { path: '/models', label: 'Models & providers' },
];

function Navigation() {
  const { path } = useLocation();
  return (
    <nav class="nav">
      <span class="brand">Stratum</span>
      {PAGES.map((page) => (
        <a key={page.path} href={page.path} class={path === page.path ? 'active' : ''}>
          {page.label}
        </a>
      ))}
    </nav>
  );
}

export function App() {
  return (
    <LocationProvider>
      <Navigation />
      <main>
        <Router>
          <Route path="/" component={ChatPage} />
          <Route path="/compare" component={ComparePage} />
          <Route path="/dashboard" component={DashboardPage} />
          <Route path="/models" component={ModelsPage} />
          <Route default component={ChatPage} />
        </Router>
      </main>
    </LocationProvider>
  );
}
