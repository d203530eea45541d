/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubBackend } from '../../test/fakeBackend';
import { podItem, snapshot } from '../../test/snapshots';
import { SnapshotClient } from './snapshotClient';

const query = { scopes: ['dev.yaml:alpha|'] };

describe('SnapshotClient', () => {
  it('sends the ETag back as If-None-Match and reuses the cached snapshot on 304', async () => {
    const first = snapshot({ version: 'v7', items: [podItem('dev.yaml:alpha', 'a')] });
    const seen: (string | null)[] = [];
    stubBackend({
      'GET /api/v1/snapshots/pods': ({ headers }) => {
        seen.push(headers.get('If-None-Match'));
        return headers.get('If-None-Match') === '"v7"'
          ? new Response(null, { status: 304 })
          : jsonResponse(first, 200, { ETag: '"v7"' });
      },
    });
    const client = new SnapshotClient();

    const one = await client.fetch('pods', query);
    const two = await client.fetch('pods', query);

    expect(seen).toEqual([null, '"v7"']);
    expect(one).toEqual({ snapshot: first, reused: false });
    expect(two.reused).toBe(true);
    expect(two.snapshot).toBe(one.snapshot);
  });

  it('keys the cache by URL, so another cluster is not answered from this one', async () => {
    const asked: string[] = [];
    stubBackend({
      'GET /api/v1/snapshots/pods': ({ url, headers }) => {
        asked.push(`${url.searchParams.get('scope')} ${headers.get('If-None-Match')}`);
        return jsonResponse(snapshot({ version: 'v1' }), 200, { ETag: '"v1"' });
      },
    });
    const client = new SnapshotClient();
    await client.fetch('pods', { scopes: ['dev.yaml:alpha|'] });
    await client.fetch('pods', { scopes: ['dev.yaml:beta|'] });

    expect(asked).toEqual(['dev.yaml:alpha| null', 'dev.yaml:beta| null']);
  });

  it('forgets the least recently used answers beyond its size', async () => {
    stubBackend({
      'GET /api/v1/snapshots/pods': () => jsonResponse(snapshot({}), 200, { ETag: '"v1"' }),
    });
    const client = new SnapshotClient(2);
    for (const offset of [0, 200, 400]) await client.fetch('pods', { ...query, offset });
    expect(client.size).toBe(2);
  });

  it('throws the contract error of a failed answer', async () => {
    stubBackend({
      'GET /api/v1/snapshots/pods': () =>
        jsonResponse({ error: { code: 'cluster_not_active', message: 'Not active.' } }, 409),
    });
    await expect(new SnapshotClient().fetch('pods', query)).rejects.toMatchObject({
      code: 'cluster_not_active',
      status: 409,
    });
  });
});
