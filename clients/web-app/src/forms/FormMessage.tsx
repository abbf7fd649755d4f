// A form's own error (not tied to one field), read out by screen readers when it appears.
export function FormMessage({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}
