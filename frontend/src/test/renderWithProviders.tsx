import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { AppProviders } from '../AppProviders';
import { installFakeEventSource } from './fakeEventSource';

/** Renders `ui` inside the app's providers; streams are fake (jsdom has no EventSource). */
export function renderWithProviders(ui: ReactNode) {
  installFakeEventSource();
  return render(<AppProviders>{ui}</AppProviders>);
}
