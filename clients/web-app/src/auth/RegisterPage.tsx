import { useState, type FormEvent } from 'react';
import { RegisterDocument } from '@ledgerline/web-sdk';
import { api } from '../api/ledgerline.js';
import { FormMessage } from '../forms/FormMessage.js';
import { TextField } from '../forms/TextField.js';
import { useSubmission } from '../forms/useSubmission.js';
import { Page } from '../layout/Page.js';
import { hrefOf } from '../routing.js';
import { signedIn } from './signedIn.js';

const LABELS = { username: 'Username', email: 'Email', password: 'Password' };

export function RegisterPage() {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const registration = useSubmission(LABELS);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const data = await registration.submit(() => api.mutate(RegisterDocument, { username, email, password }));
    if (data) signedIn(data.register);
  }

  return (
    <Page title="Create an account">
      <form className="card narrow" onSubmit={(event) => void onSubmit(event)} noValidate>
        <FormMessage message={registration.errors.form} />
        <TextField
          label={LABELS.username}
          name="username"
          autoComplete="username"
          required
          hint="3 to 32 letters, digits, '.', '_' or '-'"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          error={registration.errors.fields['username']}
        />
        <TextField
          label={LABELS.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={registration.errors.fields['email']}
        />
        <TextField
          label={LABELS.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 8 characters"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={registration.errors.fields['password']}
        />
        <button type="submit" disabled={registration.pending}>
          {registration.pending ? 'Creating your account…' : 'Create account'}
        </button>
        <p>
          Already have an account? <a href={hrefOf({ page: 'login' })}>Sign in</a>
        </p>
      </form>
    </Page>
  );
}
