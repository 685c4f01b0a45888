// Errors of the league: a bad configuration, a result that does not fit the score convention,
// or a checkpoint that cannot be restored. One class, with messages a user can act on.

export class LeagueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeagueError';
  }
}
