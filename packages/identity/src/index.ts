export { InvalidTokenError } from './InvalidTokenError.js';
export { issueUserToken, verifyUserToken, parseUserId, type UserTokenClaims } from './userToken.js';
export {
  ROUTER_ASSERTION_HEADER,
  signRouterAssertion,
  verifyRouterAssertion,
  type RouterAssertion,
} from './routerAssertion.js';
export { secretSchema } from './secretSchema.js';
