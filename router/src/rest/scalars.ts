// GraphQL's ID and Money scalars are strings; the REST contract's ids and amounts are JSON
// numbers. They are converted here, at the edge, and nowhere else.

/** "1250.50" → 1250.5. Exact: numeric(14,2) holds at most 14 significant digits, which a double keeps. */
export const amountFromMoney = (money: string): number => Number(money);

/** 1250.5 → "1250.5": the shortest text that reads back as the same double, which Money parses exactly. */
export const moneyFromAmount = (amount: number): string => String(amount);

export const idFromGraphQL = (id: string): number => Number(id);
