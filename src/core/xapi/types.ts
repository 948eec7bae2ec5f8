/** The JSON a statement is made of, and the IRIs xAPI gives meaning to. */

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** The verb of a voiding statement. */
export const VOIDED_VERB = 'http://adlnet.gov/expapi/verbs/voided';

/** The attachment usage type of a JWS signature of the statement. */
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

/** The xAPI version this LRS implements, sent in X-Experience-API-Version. */
export const XAPI_VERSION = '1.0.3';
