// How a member is named in the group's tables.

/** Their username, "(you)" for the viewer, and one name for every deleted account's contributions. */
export function memberName(user: { id: string; username: string } | null, viewerId: string): string {
  if (!user) return 'A deleted account';
  return user.id === viewerId ? `${user.username} (you)` : user.username;
}
