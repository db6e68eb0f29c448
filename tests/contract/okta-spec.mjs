// Okta's v2 spec (npm @okta/openapi 2.15.0, dist/spec.json, Swagger 2.0) with its known defects
// patched one by one, and ajv validators over it. Shared by the contract test
// (tests/contract/okta-spec.test.mjs, which checks the patches) and the fake Okta org
// (tests/fake-okta/server.mjs, which validates request bodies with the same validators).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// The spec, with its known defects patched one by one (never by loosening everything).
// ---------------------------------------------------------------------------------------------

export const spec = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/@okta/openapi/dist/spec.json'), 'utf8'));
assert.equal(spec.swagger, '2.0');
export const RAW = spec.definitions;

/** The spec's definitions with the documented patches applied; `log` records every patch. */
export function patchedDefinitions() {
  const defs = structuredClone(RAW);
  const log = { enumTypes: [], nullable: [], closed: [], profileValues: [] };

  // (a) Enum definitions declared `"type": "object"` with string enums (UserSchemaAttributeScope,
  //     UserSchemaAttributeUnion, ProfileMappingPropertyPushStatus in 2.15.0). The API returns
  //     and takes plain strings ("scope": "SELF"), so as written the spec would reject every
  //     real body. Patched generically: any definition with an all-string `enum` and
  //     `type: "object"` becomes `type: "string"`. (UserSchemaAttributeMasterType is already
  //     `type: "string"` in 2.15.0; the test below checks all four end up as strings.)
  for (const [name, def] of Object.entries(defs)) {
    if (Array.isArray(def.enum) && def.type === 'object' && def.enum.every((v) => typeof v === 'string')) {
      def.type = 'string';
      log.enumTypes.push(name);
    }
  }

  // (b) Okta documents `null` as "delete this property" in the schema POST and
  //     `{"expression": null, "pushStatus": null}` as "remove this mapping" (DOMAIN.md §2).
  //     Swagger 2 has no way to say "nullable", so null is allowed exactly at those three
  //     places and nowhere else.
  const nullable = (schema) => ({ anyOf: [{ type: 'null' }, schema] });
  const pub = defs.UserSchemaPublic.properties.properties;
  assert.deepEqual(pub.additionalProperties, { $ref: '#/definitions/UserSchemaAttribute' });
  pub.additionalProperties = nullable(pub.additionalProperties);
  log.nullable.push('UserSchemaPublic.properties.additionalProperties');
  for (const key of ['expression', 'pushStatus']) {
    const props = defs.ProfileMappingProperty.properties;
    assert.ok(props[key], `ProfileMappingProperty.${key} exists`);
    props[key] = nullable(props[key]);
    log.nullable.push(`ProfileMappingProperty.${key}`);
  }

  // (c) The spec leaves these objects open; our bodies must not carry a misspelt field that Okta
  //     would silently ignore (e.g. "externalNamspace" would leave the attribute out of SCIM).
  for (const name of ['UserSchemaAttribute', 'UserSchemaAttributeItems', 'UserSchemaAttributeEnum',
    'ProfileMappingProperty', 'UserSchemaAttributePermission', 'UserSchemaAttributeMaster']) {
    assert.equal(defs[name].type, 'object', `${name} is an object`);
    defs[name].additionalProperties = false;
    log.closed.push(name);
  }

  // (d) AppUser.profile and ApplicationGroupAssignment.profile are written
  //     `additionalProperties: {type: "object"}`: that is how Okta's generator spells
  //     Map<String, Object> ("any value"), yet taken literally it rejects every real profile
  //     ("instabugRole": "member" is a string). The values are attribute values: a string,
  //     number, boolean or an array of those. Not null (the brief allows null only at (b)).
  const attributeValue = {
    anyOf: [
      { type: 'string' }, { type: 'number' }, { type: 'boolean' },
      { type: 'array', items: { type: ['string', 'number', 'boolean'] } },
    ],
  };
  for (const name of ['AppUser', 'ApplicationGroupAssignment']) {
    const profile = defs[name].properties.profile;
    assert.deepEqual(profile.additionalProperties, { type: 'object' }, `${name}.profile as published`);
    profile.additionalProperties = attributeValue;
    log.profileValues.push(`${name}.profile.additionalProperties`);
  }
  return { defs, log };
}

// Formats are not validated: the spec's formats (int32, double, binary, date-time, password)
// are Swagger's, several unknown to JSON Schema, and the ones reachable from our four targets
// sit on read-only fields (created, lastUpdated…) or on fields we never send (password).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
export const { defs: DEFS, log: PATCHES } = patchedDefinitions();

/** A validator for one definition: `(body) => null | errors`. */
export function validatorFor(definitions, target) {
  assert.ok(definitions[target], `the spec defines ${target}`);
  const validate = ajv.compile({ definitions, allOf: [{ $ref: `#/definitions/${target}` }] });
  return (body) => (validate(body) ? null : validate.errors);
}

export const TARGETS = {
  schema: 'UserSchema', // POST /api/v1/meta/schemas/apps/{appId}/default
  mapping: 'ProfileMapping', // POST /api/v1/mappings/{mappingId}
  user: 'AppUser', // POST /api/v1/apps/{appId}/users
  group: 'ApplicationGroupAssignment', // PUT /api/v1/apps/{appId}/groups/{groupId}
};
export const validators = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, validatorFor(DEFS, t)]));
