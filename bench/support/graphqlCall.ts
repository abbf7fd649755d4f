// One GraphQL operation through the router, as a client makes it; any GraphQL error fails the call.

export async function graphqlCall<Data>(
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<Data> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data | null; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL call failed (${response.status}): ${JSON.stringify(body.errors)}`);
  return body.data;
}
