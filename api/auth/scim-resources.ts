/**
 * What /scim/v2 answers about itself and its users (RFC 7643 §5-§7): the User resource as Entra ID reads it back,
 * and the discovery documents (ServiceProviderConfig, Schemas, ResourceTypes).
 */
import { displayNameOf, SCIM_ENTERPRISE, SCIM_LIST, SCIM_USER } from '../../core/scim.ts';
import { ROLES } from '../../core/vocabulary.ts';
import { stateOf, type ScimUser } from '../../db/scim-users.ts';

export function userResource(user: ScimUser, base: string) {
  const state = stateOf(user);
  const { person } = user;
  return {
    schemas: [SCIM_USER, SCIM_ENTERPRISE],
    id: person.id,
    ...(state.externalId ? { externalId: state.externalId } : {}),
    userName: state.userName,
    name: {
      formatted: displayNameOf(state.names, state.userName),
      ...(state.names.givenName ? { givenName: state.names.givenName } : {}),
      ...(state.names.familyName ? { familyName: state.names.familyName } : {}),
    },
    displayName: person.name,
    active: person.active,
    emails: [{ value: person.email, type: 'work', primary: true }],
    roles: [{ value: person.role, primary: true }],
    [SCIM_ENTERPRISE]: person.managerId
      ? { manager: { value: person.managerId, $ref: `${base}/Users/${person.managerId}` } }
      : {},
    meta: {
      resourceType: 'User',
      created: person.createdAt,
      lastModified: user.row && user.row.updatedAt > person.updatedAt ? user.row.updatedAt : person.updatedAt,
      location: `${base}/Users/${person.id}`,
    },
  };
}

export const listResponse = (resources: unknown[], total: number, startIndex: number) => ({
  schemas: [SCIM_LIST],
  totalResults: total,
  startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});

export const MAX_COUNT = 200;

export const serviceProviderConfig = (base: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: MAX_COUNT },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A Zuiver token of scope scim (cli token create --scope scim).',
      primary: true,
    },
  ],
  meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
});

const attribute = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  ...extra,
});

export const schemas = (base: string) => [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: SCIM_USER,
    name: 'User',
    description: 'A person in the Zuiver registry',
    attributes: [
      attribute('userName', 'string', { required: true, uniqueness: 'server' }),
      attribute('externalId', 'string', { caseExact: true }),
      attribute('displayName', 'string'),
      attribute('name', 'complex', {
        subAttributes: ['formatted', 'givenName', 'familyName'].map((n) => attribute(n, 'string')),
      }),
      attribute('active', 'boolean'),
      attribute('emails', 'complex', {
        multiValued: true,
        subAttributes: [attribute('value', 'string'), attribute('type', 'string'), attribute('primary', 'boolean')],
      }),
      attribute('roles', 'complex', {
        multiValued: true,
        description: 'One of staff, purchaser, manager, admin; without one a person is staff.',
        subAttributes: [attribute('value', 'string', { canonicalValues: [...ROLES] }), attribute('primary', 'boolean')],
      }),
    ],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${SCIM_USER}` },
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: SCIM_ENTERPRISE,
    name: 'EnterpriseUser',
    description: 'The enterprise extension: the manager, who reviews the person’s declarations',
    attributes: [
      attribute('manager', 'complex', {
        subAttributes: [
          attribute('value', 'string', { caseExact: true }),
          attribute('$ref', 'reference', { referenceTypes: ['User'] }),
        ],
      }),
    ],
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${SCIM_ENTERPRISE}` },
  },
];

export const resourceTypes = (base: string) => [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'People',
    schema: SCIM_USER,
    schemaExtensions: [{ schema: SCIM_ENTERPRISE, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
  },
];
