/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { type FakeRequest, jsonResponse, stubBackend } from '../../test/fakeBackend';
import { clusterPart, podItem, snapshot } from '../../test/snapshots';
import { PagedSnapshot } from './pagedSnapshot';
import { SnapshotClient } from './snapshotClient';

const TOTAL = 1000;

/** A backend holding TOTAL pod rows of two clusters, paged by limit/offset. */
function pagingBackend(version = () => 'v1') {
  const requests: URLSearchParams[] = [];
  const fetchStub = stubBackend({
    'GET /api/v1/snapshots/pods': ({ url }: FakeRequest) => {
      requests.push(url.searchParams);
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const items = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) =>
        podItem((offset + i) % 2 ? 'dev.yaml:beta' : 'dev.yaml:alpha', `pod-${offset + i}`),
      );
      return jsonResponse(
        snapshot({
          items,
          total: TOTAL,
          version: version(),
          clusters: [clusterPart('dev.yaml:alpha'), clusterPart('dev.yaml:beta')],
        }),
      );
    },
  });
  return { requests, fetchStub };
}

function settled(paged: PagedSnapshot, predicate: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (predicate()) return resolve();
    const unsubscribe = paged.subscribe(() => {
      if (predicate()) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('PagedSnapshot', () => {
  it('loads the first block with limit and offset and publishes total and cluster parts', async () => {
    const { requests } = pagingBackend();
    const paged = new PagedSnapshot(
      new SnapshotClient(),
      'pods',
      { scopes: ['dev.yaml:alpha|'] },
      {
        blockRows: 100,
      },
    );
    paged.start();
    await settled(paged, () => paged.getView().status === 'ready');

    expect(requests.map((p) => [p.get('limit'), p.get('offset')])).toEqual([['100', '0']]);
    expect(paged.getView()).toMatchObject({ total: TOTAL, error: null });
    expect(paged.getView().clusters.map((part) => part.clusterId)).toEqual([
      'dev.yaml:alpha',
      'dev.yaml:beta',
    ]);
    expect(paged.rowAt(5)).toMatchObject({ name: 'pod-5', clusterId: 'dev.yaml:beta' });
    expect(paged.rowAt(150)).toBeUndefined();
  });

  it('loads the blocks a scrolled range needs and keeps only a bounded number', async () => {
    const { requests } = pagingBackend();
    const paged = new PagedSnapshot(
      new SnapshotClient(),
      'pods',
      { scopes: [] },
      {
        blockRows: 100,
        blocksKept: 3,
      },
    );
    paged.start();
    await settled(paged, () => paged.getView().status === 'ready');

    for (const start of [100, 300, 500, 700]) {
      paged.setRange(start, start + 150);
      await settled(paged, () => paged.rowAt(start + 150) !== undefined);
    }
    expect(paged.rowAt(850)).toMatchObject({ name: 'pod-850' });
    expect(paged.rowAt(0)).toBeUndefined();
    expect(requests.map((p) => Number(p.get('offset')))).toEqual([
      0, 100, 200, 300, 400, 500, 600, 700, 800,
    ]);
  });

  it('refetches the visible blocks on refresh and keeps the rows on a failure', async () => {
    let healthy = true;
    stubBackend({
      'GET /api/v1/snapshots/pods': () =>
        healthy
          ? jsonResponse(snapshot({ items: [podItem('dev.yaml:alpha', 'web')] }))
          : jsonResponse({ error: { code: 'internal', message: 'Boom.' } }, 500),
    });
    const paged = new PagedSnapshot(new SnapshotClient(), 'pods', { scopes: [] });
    paged.start();
    await settled(paged, () => paged.getView().status === 'ready');

    healthy = false;
    paged.refresh();
    await settled(paged, () => paged.getView().error !== null);
    expect(paged.getView()).toMatchObject({ status: 'ready', error: { code: 'internal' } });
    expect(paged.rowAt(0)).toMatchObject({ name: 'web' });
  });

  it('fails when the first block fails', async () => {
    stubBackend({
      'GET /api/v1/snapshots/pods': () =>
        jsonResponse({ error: { code: 'bad_scope', message: 'Bad.' } }, 400),
    });
    const paged = new PagedSnapshot(new SnapshotClient(), 'pods', { scopes: [] });
    paged.start();
    await settled(paged, () => paged.getView().status === 'failed');
    expect(paged.getView().error?.code).toBe('bad_scope');
  });

  it('ignores an answer that arrives after stop', async () => {
    const answers: ((response: Response) => void)[] = [];
    stubBackend({
      'GET /api/v1/snapshots/pods': () => new Promise<Response>((resolve) => answers.push(resolve)),
    });
    const paged = new PagedSnapshot(new SnapshotClient(), 'pods', { scopes: [] });
    paged.start();
    paged.stop();
    paged.start();
    const stale = snapshot({ items: [podItem('dev.yaml:alpha', 'stale')] });
    const fresh = snapshot({ items: [podItem('dev.yaml:alpha', 'fresh')] });
    answers[0]?.(jsonResponse(stale));
    answers[1]?.(jsonResponse(fresh));
    await settled(paged, () => paged.getView().status === 'ready');

    expect(answers).toHaveLength(2);
    expect(paged.getView().revision).toBe(1);
    expect(paged.rowAt(0)).toMatchObject({ name: 'fresh' });
  });
});
