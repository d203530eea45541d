/** The merged log stream (`GET /api/v1/streams/logs`) of many pods/containers across clusters. */
import { BufferedStream } from '../../core/refresh/bufferedStream';
import type { LogLine } from '../../core/types.generated';
import { isLogLine } from './logSources';

export const LOGS_STREAM_PATH = '/api/v1/streams/logs';
/** Lines kept in memory; older ones are dropped (ring buffer). */
export const LOG_BUFFER_LINES = 50_000;

export function createLogStream(
  scopes: readonly string[],
  options: { tailLines?: number; sinceSeconds?: number } = {},
  capacity = LOG_BUFFER_LINES,
): BufferedStream<LogLine> {
  return new BufferedStream<LogLine>({
    path: LOGS_STREAM_PATH,
    scopes,
    params: { tailLines: options.tailLines, sinceSeconds: options.sinceSeconds },
    itemEvent: 'log',
    isItem: isLogLine,
    capacity,
  });
}
