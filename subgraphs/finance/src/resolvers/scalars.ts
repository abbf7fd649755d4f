// The scalars only carry input through: the resolvers read it with moneyArgument and
// dateArgument, so a bad value becomes BAD_USER_INPUT naming the argument. (A scalar that threw
// here would fail variable coercion, which the gateway can only report as an opaque HTTP 400.)
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { formatCalendarDate } from '../calendarDate.js';
import { formatMoney, type Money as MoneyValue } from '../money.js';

/** Literal numbers keep their source text, so "0.10" typed inline loses nothing. */
const literalValue = (ast: ValueNode): unknown =>
  ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined;

export const Money = new GraphQLScalarType<unknown, string>({
  name: 'Money',
  serialize: (value) => formatMoney(value as MoneyValue),
  parseValue: (value) => value,
  parseLiteral: literalValue,
});

export const CalendarDate = new GraphQLScalarType<unknown, string>({
  name: 'Date',
  serialize: (value) => formatCalendarDate(value as Date),
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
