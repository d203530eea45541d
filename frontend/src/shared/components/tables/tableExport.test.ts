/** @vitest-environment node */
import { describe, expect, it } from 'vitest';
import { podItem } from '../../../test/snapshots';
import { clusterColumn, textColumn } from './columns';
import type { TableRow } from './gridColumn';
import { fetchAllRows, isDefaultKubeconfig, kubectlCommand, toCsv, toJson } from './tableExport';

const gamma = 'prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma';
const rows = [
  podItem('dev.yaml:alpha', 'web-1'),
  { ...podItem(gamma, 'web,"2"'), clusterName: 'arn:aws:eks:eu-west-1:123456789012:cluster/gamma' },
];

describe('CSV', () => {
  it('has the cluster id and name columns, then the shown ones, quoted where needed', () => {
    const csv = toCsv(rows, [
      clusterColumn(),
      textColumn('namespace', 'Namespace'),
      textColumn('name', 'Name'),
    ]);
    expect(csv.split('\r\n')).toEqual([
      'Cluster ID,Cluster,Namespace,Name',
      'dev.yaml:alpha,alpha,shop,web-1',
      `${gamma},arn:aws:eks:eu-west-1:123456789012:cluster/gamma,shop,"web,""2"""`,
      '',
    ]);
  });
  it('JSON keeps every field', () => {
    expect(JSON.parse(toJson(rows))[1]).toMatchObject({ clusterId: gamma, name: 'web,"2"' });
  });
});

describe('fetchAllRows', () => {
  it('reads page after page until the total', async () => {
    const all = Array.from({ length: 12 }, (_, index) => podItem('dev.yaml:alpha', `p-${index}`));
    const asked: number[] = [];
    const got = await fetchAllRows(async (offset) => {
      asked.push(offset);
      return { items: all.slice(offset, offset + 5) as TableRow[], total: all.length };
    });
    expect(got).toHaveLength(12);
    expect(asked).toEqual([0, 5, 10]);
  });
});

describe('kubectlCommand', () => {
  it("names the row's own context, namespace and kind, with its kubeconfig unless default", () => {
    const pod = podItem('dev.yaml:alpha', 'web-1');
    expect(kubectlCommand(pod, { context: 'alpha', kubeconfig: null })).toBe(
      'kubectl --context alpha -n shop get pod web-1',
    );
    const deployment = { ...pod, kind: 'Deployment', group: 'apps', name: 'web' } as TableRow;
    expect(
      kubectlCommand(deployment, {
        context: 'arn:aws:eks:eu-west-1:123456789012:cluster/gamma',
        kubeconfig: '/home/me/kube configs/prod.yaml',
      }),
    ).toBe(
      "kubectl --kubeconfig '/home/me/kube configs/prod.yaml' --context arn:aws:eks:eu-west-1:123456789012:cluster/gamma -n shop get deployment.apps web",
    );
    expect(isDefaultKubeconfig('/home/me/.kube/config')).toBe(true);
    expect(isDefaultKubeconfig('/home/me/.kube/dev.yaml')).toBe(false);
  });
});
