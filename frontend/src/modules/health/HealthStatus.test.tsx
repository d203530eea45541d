import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubBackend } from '../../test/fakeBackend';
import { HealthStatus } from './HealthStatus';

describe('HealthStatus', () => {
  it('shows the status and version from GET /api/v1/health', async () => {
    const fetchStub = stubBackend({
      'GET /api/v1/health': () => jsonResponse({ status: 'ok', version: '0.1.0' }),
    });
    render(<HealthStatus />);

    expect(screen.getByTestId('health-status').textContent).toBe('checking…');
    expect(await screen.findByText('ok')).toBe(screen.getByTestId('health-status'));
    expect(screen.getByTestId('health-version').textContent).toBe('v0.1.0');
    expect(fetchStub).toHaveBeenCalledWith(
      '/api/v1/health',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
  });

  it('shows why the backend refused', async () => {
    stubBackend({
      'GET /api/v1/health': () =>
        jsonResponse({ error: { code: 'unauthorized', message: 'The token is missing.' } }, 401),
    });
    render(<HealthStatus />);

    expect(await screen.findByText('unavailable')).toBe(screen.getByTestId('health-status'));
    expect(screen.getByTestId('health-error').textContent).toBe('The token is missing.');
    expect(screen.queryByTestId('health-version')).toBeNull();
  });
});
