import { describe, expect, it } from 'vitest';
import { classChecks } from './read-class.js';
import { renderClassStatus } from './status-render.js';

describe('renderClassStatus', () => {
  it('labels each column by part and step under its exercise, each mark under its label', () => {
    const checks = classChecks();
    const grid = {
      at: '2026-12-05T10:00:00.000Z',
      checks,
      learners: [
        {
          name: 'Ada Lovelace',
          inRoster: true,
          reach: 'up' as const,
          lastSeen: '2026-12-05T09:59:59.000Z',
          score: 2,
          maxScore: 45,
          states: { 'exercise-1/A/4': 'pass' as const, 'exercise-2/H/10': 'fail' as const },
          passedAt: {},
        },
      ],
    };
    const lines = renderClassStatus(grid, false).split('\n');
    const header = lines.find((l) => l.startsWith('learner')) ?? '';
    expect(header).not.toMatch(/\d{4,}/);
    expect(header).toMatch(/score +A3 A4 A5 B1 B2 B3 B4 C1 .* A1 A2 A3 B1 .* H10/);
    const above = lines[lines.indexOf(header) - 1] ?? '';
    expect(above.indexOf('exercise-1')).toBe(header.indexOf('A3'));
    expect(above.indexOf('exercise-2')).toBe(header.indexOf(' A1') + 1);
    const row = lines.find((l) => l.startsWith('Ada Lovelace')) ?? '';
    expect(row.indexOf('✓')).toBe(header.indexOf('A4'));
    expect(row.indexOf('✗')).toBe(header.indexOf('H10'));
  });
});
