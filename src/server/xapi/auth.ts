/**
 * HTTP Basic authentication for the LRS: the key and secret of an integration
 * (a learning program's credential). Cookies and CSRF play no part here.
 */
import { authenticateIntegration } from '../../db/integrations.ts';
import type { Database } from '../../db/database.ts';
import type { JsonObject } from '../../core/xapi/types.ts';
import { Problem } from '../problem.ts';

/** The account homePage of the authority agents the LRS puts on statements (an identifier, not a page to visit). */
export const AUTHORITY_HOME_PAGE = 'https://trellis.invalid/integrations';

export interface XapiCaller {
  districtId: string;
  integrationId: string;
  /** The agent the LRS records as each statement's authority. */
  authority: JsonObject;
}

const CHALLENGE = { 'www-authenticate': 'Basic realm="Trellis xAPI", charset="UTF-8"' };

function unauthorized(detail: string): Problem {
  return new Problem(401, detail, CHALLENGE);
}

/** The integration whose Basic credentials the request carries; 401 otherwise. */
export async function authenticateXapi(db: Database, authorization: string | undefined): Promise<XapiCaller> {
  if (!authorization) throw unauthorized('Send the integration key and secret with HTTP Basic authentication.');
  const match = /^Basic\s+([A-Za-z\d+/=]+)\s*$/i.exec(authorization);
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw unauthorized('The Authorization header is not HTTP Basic "key:secret" in base64.');
  const integration = await authenticateIntegration(db, decoded.slice(0, colon), decoded.slice(colon + 1));
  if (!integration) throw unauthorized('The integration key or secret is wrong, or the credential was revoked.');
  return {
    districtId: integration.districtId,
    integrationId: integration.id,
    authority: { objectType: 'Agent', name: integration.name, account: { homePage: AUTHORITY_HOME_PAGE, name: integration.key } },
  };
}
