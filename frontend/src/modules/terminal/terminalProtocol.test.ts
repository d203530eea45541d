import { describe, expect, it } from 'vitest';
import { parseServerFrame, stateAfterClose, terminalScope, terminalUrl } from './terminalProtocol';

const target = { clusterId: 'dev.yaml:beta', namespace: 'shop', pod: 'web-1', container: 'web' };

describe('terminal protocol', () => {
  it('names the container on its own cluster in the scope and URL', () => {
    expect(terminalScope(target)).toBe('dev.yaml:beta|pod:shop/web-1/web');
    const url = new URL(
      terminalUrl({ ...target, debugImage: 'busybox' }, new URL('http://127.0.0.1:9/')),
    );
    expect(url.protocol).toBe('ws:');
    expect(url.pathname).toBe('/api/v1/terminal');
    expect(url.searchParams.get('scope')).toBe('dev.yaml:beta|pod:shop/web-1/web');
    expect(url.searchParams.get('debug')).toBe('busybox');
  });

  it('reads exit and error frames and nothing else', () => {
    expect(parseServerFrame('{"type":"exit","code":3}')).toEqual({ type: 'exit', code: 3 });
    expect(parseServerFrame('{"type":"error","code":"forbidden","message":"No."}')).toEqual({
      type: 'error',
      code: 'forbidden',
      message: 'No.',
    });
    expect(parseServerFrame('{"type":"resize"}')).toBeNull();
    expect(parseServerFrame('not json')).toBeNull();
  });

  it('tells how a session ended from its last frame, else from the close code', () => {
    expect(stateAfterClose({ type: 'exit', code: 0 }, 1000, true)).toEqual({
      status: 'exited',
      code: 0,
    });
    expect(stateAfterClose(null, 1006, true)).toMatchObject({ code: 'connection_lost' });
    expect(stateAfterClose(null, 1006, false)).toMatchObject({ code: 'refused' });
  });
});
