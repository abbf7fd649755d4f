// What a subgraph keeps for one GraphQL request only (its DataLoaders, what admission read): made
// on first use and gone with the request's context, so nothing is shared between requests.
import type { SubgraphContext } from './subgraphContext.js';

/** The value of this kind for a request: `make`'s, the first time the request asks for it. */
export function requestScoped<Value>(): (context: SubgraphContext, make: () => Value) => Value {
  const values = new WeakMap<SubgraphContext, Value>();
  return (context, make) => {
    let value = values.get(context);
    if (value === undefined) {
      value = make();
      values.set(context, value);
    }
    return value;
  };
}
