import { useState, type FormEvent } from 'react';
import { LoginDocument } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { FormMessage } from '../forms/FormMessage.js';
import { TextField } from '../forms/TextField.js';
import { useSubmission } from '../forms/useSubmission.js';
import { Page } from '../layout/Page.js';
import { hrefOf } from '../routing.js';
import { sessions } from '../session/session.js';
import { signedIn } from './signedIn.js';

const LABELS = { email: 'Email', password: 'Password' };

export function LoginPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useSubmission(LABELS);
  const endedBecause = sessions.endedBecause();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = await login.submit(() => api.mutate(LoginDocument, { email, password }));
    if (data) signedIn(data.login);
  }

  return (
    <Page title="Sign in">
      {endedBecause && (
        <p className="notice" role="alert">
          {endedBecause}
        </p>
      )}
      <form className="card narrow" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormMessage message={login.errors.form} />
        <TextField
          label={LABELS.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={login.errors.fields['email']}
        />
        <TextField
          label={LABELS.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={login.errors.fields['password']}
        />
        <button type="submit" disabled={login.pending}>
          {login.pending ? 'Signing in…' : 'Sign in'}
        </button>
        <p>
          New to Ledgerline? <a href={hrefOf({ page: 'register' })}>Create an account</a>
        </p>
      </form>
    </Page>
  );
}
