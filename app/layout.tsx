import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppHeader } from '@/components/shell/app-header';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Loupe', template: '%s · Loupe' },
  description: 'Visual inspection pipelines: draw, choose precision, deploy to ONNX Runtime workers, log every part.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AppHeader />
        {children}
      </body>
    </html>
  );
}
