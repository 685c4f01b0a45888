// The one error type of the tabular game-theory tools.

/** Thrown when a game or policy cannot be handled exactly: too large, imperfect recall, bad probabilities. */
export class TabularError extends Error {
  override name = 'TabularError';
}
