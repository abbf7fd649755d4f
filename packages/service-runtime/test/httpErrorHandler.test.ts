import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { httpErrorHandler } from '../src/httpErrorHandler.js';

/** Just enough of Express's response to see what the handler answers. */
function fakeResponse(headersSent = false) {
  const sent: { status?: number; body?: unknown } = {};
  const res = {
    headersSent,
    status: vi.fn((status: number) => {
      sent.status = status;
      return res;
    }),
    json: vi.fn((body: unknown) => {
      sent.body = body;
      return res;
    }),
  };
  return { res, sent };
}

function handle(error: unknown) {
  const log = { error: vi.fn() };
  const { res, sent } = fakeResponse();
  const next = vi.fn();
  httpErrorHandler(log as unknown as Logger)(error, {} as Request, res as unknown as Response, next as NextFunction);
  expect(next).not.toHaveBeenCalled();
  return { ...sent, logged: log.error };
}

const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** An error as body-parser raises it (through http-errors). */
const httpError = (message: string, props: { status?: number; statusCode?: number; type?: string; expose?: boolean }) =>
  Object.assign(new Error(message), props);

describe('httpErrorHandler', () => {
  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', () => {
    const answer = handle(httpError('request entity too large', { status: 413, type: 'entity.too.large', expose: true }));
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual(errorBody('Request body is too large', 'PAYLOAD_TOO_LARGE'));
    expect(answer.logged).not.toHaveBeenCalled();
  });

  it('reads the status from statusCode when status is absent', () => {
    const answer = handle({ statusCode: 413 });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual(errorBody('Request body is too large', 'PAYLOAD_TOO_LARGE'));
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST, without the parser’s message', () => {
    const answer = handle(
      httpError('Unexpected token } in JSON at position 12', { status: 400, type: 'entity.parse.failed', expose: true }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorBody('Request body is not valid JSON', 'BAD_REQUEST'));
  });

  it('shows the message of a client error that is marked safe to show', () => {
    const answer = handle(httpError('unsupported charset "LATIN1"', { status: 415, type: 'charset.unsupported', expose: true }));
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual(errorBody('unsupported charset "LATIN1"', 'UNSUPPORTED_MEDIA_TYPE'));
  });

  it('answers another client error with its status and BAD_REQUEST', () => {
    const answer = handle(httpError('request aborted', { status: 400, type: 'request.aborted', expose: true }));
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(errorBody('request aborted', 'BAD_REQUEST'));
    expect(handle(httpError('Not Found', { status: 404, expose: true })).body).toEqual(errorBody('Not Found', 'BAD_REQUEST'));
  });

  it('never shows the message of a client error not marked safe to show', () => {
    const hidden = handle(httpError('secret path /srv/app/.env', { status: 400 }));
    const notAnError = handle({ status: 400, expose: true, message: 'secret path /srv/app/.env' });
    for (const answer of [hidden, notAnError]) {
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).not.toContain('secret');
    }
  });

  it('answers a server failure with 500 and a generic message, and logs it', () => {
    const failure = httpError('connect ECONNREFUSED 10.0.0.5:5432', { status: 500, expose: true });
    const answer = handle(failure);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
    expect(answer.logged).toHaveBeenCalledWith({ err: failure }, 'unhandled HTTP error');
  });

  it('treats an error without a status, or a thrown non-object, as a 500', () => {
    for (const error of [new Error('undefined is not a function'), 'a thrown string', null]) {
      const answer = handle(error);
      expect(answer.status).toBe(500);
      expect(answer.body).toEqual(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      expect(answer.logged).toHaveBeenCalledOnce();
    }
  });

  it('logs only failures of 500 and above', () => {
    expect(handle(httpError('x', { status: 499, expose: true })).logged).not.toHaveBeenCalled();
    expect(handle(httpError('x', { status: 503 })).logged).toHaveBeenCalledOnce();
  });

  it('leaves a response already under way to Express', () => {
    const { res } = fakeResponse(true);
    const next = vi.fn();
    const error = new Error('late failure');
    httpErrorHandler({ error: vi.fn() } as unknown as Logger)(error, {} as Request, res as unknown as Response, next as NextFunction);
    expect(next).toHaveBeenCalledWith(error);
    expect(res.status).not.toHaveBeenCalled();
    expect(res.json).not.toHaveBeenCalled();
  });
});
