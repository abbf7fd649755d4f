// What a unit under test threw or rejected with, checked to be of the expected kind, so a test can
// assert on its code and message rather than only on its class.

type ErrorClass<T> = abstract new (...args: never[]) => T;

/** The error `run` throws, which must be a `type`; fails the test when it throws nothing or something else. */
export function thrownBy<T>(run: () => unknown, type: ErrorClass<T>): T {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name} to be thrown, but nothing was`);
}

/** What `promise` rejects with, which must be a `type` when one is given; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown>;
export async function rejectionOf<T>(promise: Promise<unknown>, type: ErrorClass<T>): Promise<T>;
export async function rejectionOf<T>(promise: Promise<unknown>, type?: ErrorClass<T>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    if (type === undefined || error instanceof type) return error;
    throw error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}
