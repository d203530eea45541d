import { describe, expect, it } from 'vitest';
import { asYaml, comparable, differingPaths, valueAt } from './compareYaml';

const web = (image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  uid: ${image === 'a' ? 'u1' : 'u2'}
  resourceVersion: "${image === 'a' ? 10 : 99}"
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: ${image}
${extra}status:
  readyReplicas: ${image === 'a' ? 2 : 1}
`;

describe('compare', () => {
  it('hides status and server-set metadata by default, so only the image differs', () => {
    const objects = [comparable(web('a'), false), comparable(web('b'), false)];
    expect(differingPaths(objects)).toEqual(['spec.template.spec.containers.0.image']);
    expect(asYaml(objects[0] ?? {})).not.toContain('status');
    expect(asYaml(objects[0] ?? {})).not.toContain('revision');
  });

  it('shows them on request', () => {
    const objects = [comparable(web('a'), true), comparable(web('b'), true)];
    expect(differingPaths(objects)).toEqual([
      'metadata.resourceVersion',
      'metadata.uid',
      'spec.template.spec.containers.0.image',
      'status.readyReplicas',
    ]);
  });

  it('tells a missing object and a missing path apart from a value', () => {
    const a = comparable(web('a'), false);
    expect(differingPaths([a, a, null])).toContain('spec.replicas');
    expect(valueAt(a, 'spec.replicas')).toBe('2');
    expect(valueAt(null, 'spec.replicas')).toBe('—');
    expect(valueAt(a, 'spec.template.spec.containers.0.image')).toBe('a');
  });
});
