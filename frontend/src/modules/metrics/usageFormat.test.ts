import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpu, usageColumn } from '../../shared/components/tables/columns';

describe('usage figures', () => {
  it('reads millicores as people do', () => {
    expect(formatCpu(null)).toBe('—');
    expect(formatCpu(0.5)).toBe('0.5m');
    expect(formatCpu(250.012)).toBe('250m');
    expect(formatCpu(1500)).toBe('1.50 cores');
    expect(formatCpu(32000)).toBe('32 cores');
  });

  it('reads bytes in binary units', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(64 * 1024 ** 2)).toBe('64.0 Mi');
    expect(formatBytes(256 * 1024 ** 3)).toBe('256 Gi');
  });

  it('a usage column sorts by its field on the server and shows a dash without metrics', () => {
    const column = usageColumn('cpuMillicores', 'CPU', formatCpu);
    expect(column.sortField).toBe('cpuMillicores');
    expect(column.text({ cpuMillicores: null } as never)).toBe('—');
    expect(column.text({ cpuMillicores: 250 } as never)).toBe('250m');
  });
});
