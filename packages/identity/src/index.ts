export { InvalidTokenError } from './InvalidTokenError.js';
export { bearerTokenOf } from './bearerToken.js';
export { type Caller } from './caller.js';
export { issueUserToken, verifyUserToken, type UserTokenClaims } from './userToken.js';
export { MAX_RECORD_ID, parseRecordId } from './recordId.js';
export { ROUTER_ASSERTION_HEADER, signRouterAssertion, verifyRouterAssertion, type RouterAssertion } from './routerAssertion.js';
export {
  SERVICE_CREDENTIAL_METADATA,
  ROUTER_SERVICE_NAME,
  signServiceCredential,
  verifyServiceCredential,
  type ServiceCredential,
} from './serviceCredential.js';
export { PLACEHOLDER_SECRET_PREFIX, secretSchema } from './secretSchema.js';
