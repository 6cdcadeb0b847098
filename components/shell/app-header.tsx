import Link from 'next/link';
import { NavLink } from './nav-link';

/** The bar on every page: product name and the top-level sections. */
export function AppHeader() {
  return (
    <header className="app-header">
      <Link href="/" className="brand" aria-label="Loupe home">
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M15 15l6 6" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
        </svg>
        Loupe
      </Link>
      <nav>
        <NavLink href="/">Lines</NavLink>
        <NavLink href="/pipelines">Pipelines</NavLink>
        <NavLink href="/precision">Precision Lab</NavLink>
      </nav>
    </header>
  );
}
