/**
 * SCIM 2.0 users (RFC 7643/7644) as Microsoft Entra ID sends them, reduced to what the registry keeps: user name,
 * external id, e-mail, name, active, role and manager. Pure: it turns resources and PATCH operations into a new
 * state and says what is wrong with them; loading and writing are the caller's. Entra ID's habits are accepted:
 * capitalised ops ("Replace"), booleans as strings ("False"), operations without a path whose value is an object,
 * and the manager as a bare id, `{ value }` or `[{ value }]`.
 */
import { DomainError } from './errors.ts';
import { ROLES, type Role } from './vocabulary.ts';

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimNames {
  displayName?: string;
  givenName?: string;
  familyName?: string;
  formatted?: string;
}

/** A user as the registry keeps it. `role` undefined: provisioning leaves the role alone (staff for a new person). */
export interface ScimUserState {
  userName: string;
  externalId: string | null;
  email: string;
  names: ScimNames;
  active: boolean;
  managerId: string | null;
  role?: Role;
}

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

/** A SCIM error: `code` is the RFC 7644 scimType, so the error body can carry it. */
const scimInvalid = (
  scimType: 'invalidValue' | 'invalidPath' | 'invalidFilter' | 'invalidSyntax' | 'noTarget',
  message: string,
) => new DomainError('invalid', scimType, message);

/** `true`, `"True"`, `"true"` and the same for false; anything else is not a boolean. */
function scimBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** The filters Entra ID sends to find a user before creating it: `userName eq "..."` or `externalId eq "..."`. */
export function parseUserFilter(filter: string): { attribute: 'userName' | 'externalId'; value: string } {
  const m = /^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
  if (!m)
    throw scimInvalid('invalidFilter', 'Only the filters userName eq "..." and externalId eq "..." are supported.');
  return {
    attribute: m[1].toLowerCase() === 'username' ? 'userName' : 'externalId',
    value: m[2].replace(/\\(.)/g, '$1'),
  };
}

/** The person's name in the registry: what the provider displays, else the name it sends in parts, else the user name. */
export function displayNameOf(names: ScimNames, userName: string): string {
  const parts = [names.givenName, names.familyName].filter((p) => p?.trim()).join(' ');
  return (names.displayName?.trim() || names.formatted?.trim() || parts || userName).slice(0, 200);
}

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw scimInvalid('invalidValue', `${what} must be a string.`);
  return value.trim();
};

const optionalText = (value: unknown, what: string): string | undefined =>
  value === null || value === undefined ? undefined : text(value, what) || undefined;

function emailFrom(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const emails = value.filter(
    (e): e is { value: string; type?: string; primary?: unknown } => typeof e?.value === 'string',
  );
  const chosen = emails.find((e) => scimBoolean(e.primary)) ?? emails.find((e) => e.type === 'work') ?? emails[0];
  return chosen?.value.trim();
}

/** The manager's SCIM id from any of the shapes Entra ID uses; null clears it. */
function managerFrom(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const item = Array.isArray(value) ? value[0] : value;
  const id = typeof item === 'string' ? item : (item as { value?: unknown } | undefined)?.value;
  if (id === null || id === undefined || id === '') return null;
  if (typeof id !== 'string') throw scimInvalid('invalidValue', 'manager must name the manager by their SCIM id.');
  return id;
}

function roleFrom(value: unknown): Role {
  const items = Array.isArray(value) ? value : [value];
  const chosen = items.find((r) => scimBoolean((r as { primary?: unknown })?.primary)) ?? items[0];
  const role = typeof chosen === 'string' ? chosen : (chosen as { value?: unknown } | undefined)?.value;
  if (typeof role !== 'string' || !ROLES.includes(role.trim().toLowerCase() as Role)) {
    throw scimInvalid('invalidValue', `roles must be one of ${ROLES.join(', ')}.`);
  }
  return role.trim().toLowerCase() as Role;
}

const isEmail = (v: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v);

/** A user from a full resource (POST, PUT). What a PUT leaves out is cleared, except the role, which stays. */
export function userFromResource(body: Record<string, unknown>, before?: ScimUserState): ScimUserState {
  const userName = text(body.userName, 'userName');
  if (!userName) throw scimInvalid('invalidValue', 'userName is required.');
  const email = emailFrom(body.emails) ?? (isEmail(userName) ? userName : undefined);
  if (!email || !isEmail(email))
    throw scimInvalid('invalidValue', 'A work e-mail address is required (emails, or a userName that is one).');
  const name = (body.name ?? {}) as Record<string, unknown>;
  const enterprise = (body[SCIM_ENTERPRISE] ?? {}) as Record<string, unknown>;
  const active = body.active === undefined ? true : scimBoolean(body.active);
  if (active === undefined) throw scimInvalid('invalidValue', 'active must be a boolean.');
  return {
    userName,
    externalId: optionalText(body.externalId, 'externalId') ?? null,
    email,
    names: {
      displayName: optionalText(body.displayName, 'displayName'),
      givenName: optionalText(name.givenName, 'name.givenName'),
      familyName: optionalText(name.familyName, 'name.familyName'),
      formatted: optionalText(name.formatted, 'name.formatted'),
    },
    active,
    managerId: managerFrom(enterprise.manager),
    role:
      body.roles === undefined || (Array.isArray(body.roles) && !body.roles.length)
        ? before?.role
        : roleFrom(body.roles),
  };
}

const MANAGER_PATH = `${SCIM_ENTERPRISE}:manager`.toLowerCase();

/** Applies one attribute of an operation; `value` undefined means remove. */
function applyAttribute(state: ScimUserState, rawPath: string, value: unknown): void {
  const path = rawPath.trim().toLowerCase();
  const remove = value === undefined;
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw scimInvalid('invalidValue', `${what} cannot be removed.`);
    return v;
  };
  switch (path) {
    case 'active': {
      const active = scimBoolean(need(remove ? undefined : value, 'active'));
      if (active === undefined) throw scimInvalid('invalidValue', 'active must be a boolean.');
      state.active = active;
      return;
    }
    case 'username':
      state.userName = need(remove ? undefined : text(value, 'userName'), 'userName');
      return;
    case 'externalid':
      state.externalId = remove ? null : (optionalText(value, 'externalId') ?? null);
      return;
    case 'displayname':
      state.names = { ...state.names, displayName: remove ? undefined : optionalText(value, 'displayName') };
      return;
    case 'name.givenname':
    case 'name.familyname':
    case 'name.formatted': {
      const key = path === 'name.givenname' ? 'givenName' : path === 'name.familyname' ? 'familyName' : 'formatted';
      state.names = { ...state.names, [key]: remove ? undefined : optionalText(value, rawPath) };
      return;
    }
    case 'name': {
      const name = (value ?? {}) as Record<string, unknown>;
      state.names = {
        displayName: state.names.displayName,
        givenName: optionalText(name.givenName, 'name.givenName'),
        familyName: optionalText(name.familyName, 'name.familyName'),
        formatted: optionalText(name.formatted, 'name.formatted'),
      };
      return;
    }
    case 'emails':
    case 'emails[type eq "work"].value':
    case 'emails[primary eq true].value': {
      const email = need(
        remove ? undefined : path === 'emails' ? emailFrom(value) : text(value, rawPath),
        'The e-mail address',
      );
      if (!isEmail(email)) throw scimInvalid('invalidValue', `"${email.slice(0, 80)}" is not an e-mail address.`);
      state.email = email;
      return;
    }
    case MANAGER_PATH:
    case 'manager':
      state.managerId = remove ? null : managerFrom(value);
      return;
    case 'roles':
    case 'roles[primary eq "true"].value':
      // Without a role assignment the person goes back to staff, the role with the least to see.
      state.role = remove ? 'staff' : roleFrom(value);
      return;
    default:
      // Attributes the registry does not keep (title, department, phone numbers) are accepted and not stored, so a
      // provider mapping more than Zuiver needs does not fail every user.
      return;
  }
}

/** A PATCH (RFC 7644 §3.5.2) applied to a copy of `before`. */
export function applyPatch(before: ScimUserState, operations: PatchOperation[]): ScimUserState {
  const state: ScimUserState = { ...before, names: { ...before.names } };
  for (const operation of operations) {
    const op = String(operation.op).toLowerCase();
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw scimInvalid('invalidSyntax', `Unknown PATCH op "${String(operation.op).slice(0, 20)}".`);
    if (op === 'remove') {
      if (!operation.path) throw scimInvalid('noTarget', 'A remove operation needs a path.');
      applyAttribute(state, operation.path, undefined);
    } else if (operation.path) {
      applyAttribute(state, operation.path, operation.value);
    } else {
      if (typeof operation.value !== 'object' || operation.value === null || Array.isArray(operation.value)) {
        throw scimInvalid('invalidValue', 'An operation without a path needs an object of attributes as its value.');
      }
      for (const [key, value] of Object.entries(operation.value)) {
        // `{ "urn:...:enterprise:2.0:User": { "manager": ... } }` and `{ "name": { ... } }` nest; everything else is an attribute path.
        if (key === SCIM_ENTERPRISE && value && typeof value === 'object') {
          for (const [inner, v] of Object.entries(value)) applyAttribute(state, `${SCIM_ENTERPRISE}:${inner}`, v);
        } else applyAttribute(state, key, value);
      }
    }
  }
  return state;
}
