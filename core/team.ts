/**
 * The rules of a tender team: every member declares per negotiation (no conflict, or a conflict), a conflicted
 * member is kept out, and the award waits until the team is clean. Pure: callers load the rows.
 */
import { BUYER_ROLES, MANAGER_ROLES, type Role } from './vocabulary.ts';

export interface TeamMemberFacts {
  personId: string;
  /** When the member was (last) added: a declaration made before that belongs to an earlier stint. */
  addedAt: string;
}

export interface TeamDeclarationFacts {
  personId: string;
  conflict: boolean;
  note: string | null;
  createdAt: string;
}

export interface MemberStanding extends TeamMemberFacts {
  /** The member's latest declaration made since they were added; undefined while they still have to declare. */
  declaration?: TeamDeclarationFacts;
  state: 'to_declare' | 'to_keep_out' | 'clear';
}

/** Each member with their latest valid declaration and what it means for the award. */
export function teamStanding(members: TeamMemberFacts[], declarations: TeamDeclarationFacts[]): MemberStanding[] {
  return members.map((m) => {
    let latest: TeamDeclarationFacts | undefined;
    for (const d of declarations) {
      if (d.personId !== m.personId || d.createdAt < m.addedAt) continue;
      if (!latest || d.createdAt >= latest.createdAt) latest = d;
    }
    const state = !latest ? 'to_declare' : latest.conflict ? 'to_keep_out' : 'clear';
    return { ...m, declaration: latest, state };
  });
}

/** Who still holds up the award: members who have not declared, and members with a conflict still on the team. */
export function awardBlockers(standing: MemberStanding[]): { toDeclare: string[]; toKeepOut: string[] } {
  return {
    toDeclare: standing.filter((m) => m.state === 'to_declare').map((m) => m.personId),
    toKeepOut: standing.filter((m) => m.state === 'to_keep_out').map((m) => m.personId),
  };
}

export const isTeamClean = (standing: MemberStanding[]) => standing.every((m) => m.state === 'clear');

/**
 * "No conflict" needs a reason when the member has a live relationship, side job, interest or private purchase
 * with the supplier: the registry says otherwise, so the member explains why it does not matter here.
 */
export function declarationProblem(
  input: { conflict: boolean; note?: string },
  hasLiveConflict: boolean,
): 'note_required' | undefined {
  return !input.conflict && hasLiveConflict && !input.note?.trim() ? 'note_required' : undefined;
}

/** Buyers see every negotiation (they run procurement); anyone else only those whose team they are on. */
export const seesNegotiation = (role: Role, member: boolean) => member || BUYER_ROLES.includes(role);

/**
 * What a viewer sees of a team: its owner and managers see every member's standing and declaration (they keep
 * the conflicted out); a member sees who is on it and their own declaration; anyone else sees no team.
 */
export function viewTeam<M extends MemberStanding & { name: string }>(
  team: M[],
  viewer: { id: string; role: Role },
  ownerId: string,
) {
  if (MANAGER_ROLES.includes(viewer.role) || viewer.id === ownerId)
    return team.map(({ personId, name, addedAt, state, declaration }) => ({
      personId,
      name,
      addedAt,
      state,
      declaration,
    }));
  if (!team.some((m) => m.personId === viewer.id)) return undefined;
  return team.map(({ personId, name, addedAt, state, declaration }) =>
    personId === viewer.id ? { personId, name, addedAt, state, declaration } : { personId, name },
  );
}
