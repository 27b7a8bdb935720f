/** The tender-team rules: who still has to declare, who is to keep out, when "no conflict" needs a note. */
import { describe, expect, test } from 'vitest';
import {
  awardBlockers,
  declarationProblem,
  isTeamClean,
  seesNegotiation,
  teamStanding,
  viewTeam,
} from '../../core/team.ts';

const member = (personId: string, addedAt = '2026-01-01T00:00:00.000Z') => ({ personId, addedAt });
const said = (personId: string, conflict: boolean, createdAt: string, note: string | null = null) => ({
  personId,
  conflict,
  note,
  createdAt,
});

describe('teamStanding', () => {
  test.each([
    ['no declaration', [], 'to_declare'],
    ['no conflict', [said('a', false, '2026-02-01T00:00:00.000Z')], 'clear'],
    ['a conflict', [said('a', true, '2026-02-01T00:00:00.000Z')], 'to_keep_out'],
    [
      'the latest counts',
      [said('a', false, '2026-03-01T00:00:00.000Z'), said('a', true, '2026-02-01T00:00:00.000Z')],
      'clear',
    ],
    ['declared before being (re)added', [said('a', false, '2025-12-01T00:00:00.000Z')], 'to_declare'],
    ['someone else declared', [said('b', false, '2026-02-01T00:00:00.000Z')], 'to_declare'],
  ] as const)('%s', (_, declarations, state) => {
    expect(teamStanding([member('a')], [...declarations])[0].state).toBe(state);
  });
});

test('the award waits for every member to declare and every conflicted member to be kept out', () => {
  const team = teamStanding(
    [member('a'), member('b'), member('c')],
    [said('a', false, '2026-02-01T00:00:00.000Z'), said('b', true, '2026-02-01T00:00:00.000Z')],
  );
  expect(awardBlockers(team)).toEqual({ toDeclare: ['c'], toKeepOut: ['b'] });
  expect(isTeamClean(team)).toBe(false);
  expect(isTeamClean(team.filter((m) => m.personId === 'a'))).toBe(true);
});

test('"no conflict" despite a live declaration needs a note; a conflict never does', () => {
  expect(declarationProblem({ conflict: false }, true)).toBe('note_required');
  expect(declarationProblem({ conflict: false, note: '  ' }, true)).toBe('note_required');
  expect(declarationProblem({ conflict: false, note: 'Ander perceel' }, true)).toBeUndefined();
  expect(declarationProblem({ conflict: false }, false)).toBeUndefined();
  expect(declarationProblem({ conflict: true }, true)).toBeUndefined();
});

test('who sees a negotiation, and what of its team', () => {
  expect(seesNegotiation('staff', false)).toBe(false);
  expect(seesNegotiation('staff', true)).toBe(true);
  expect(seesNegotiation('purchaser', false)).toBe(true);
  const team = teamStanding([member('owner'), member('a')], [said('a', true, '2026-02-01T00:00:00.000Z', 'Broer')]).map(
    (m) => ({ ...m, name: m.personId }),
  );
  expect(viewTeam(team, { id: 'owner', role: 'purchaser' }, 'owner')?.[1]).toMatchObject({
    state: 'to_keep_out',
    declaration: { note: 'Broer' },
  });
  expect(viewTeam(team, { id: 'm', role: 'manager' }, 'owner')?.[1]).toMatchObject({ state: 'to_keep_out' });
  expect(viewTeam(team, { id: 'owner', role: 'staff' }, 'other')?.[1]).toEqual({ personId: 'a', name: 'a' });
  expect(viewTeam(team, { id: 'a', role: 'staff' }, 'owner')).toEqual([
    { personId: 'owner', name: 'owner' },
    expect.objectContaining({ personId: 'a', state: 'to_keep_out' }),
  ]);
  expect(viewTeam(team, { id: 'x', role: 'purchaser' }, 'owner')).toBeUndefined();
});
