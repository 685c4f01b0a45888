// The one error type of the plotting module.

/** Thrown for data a plot cannot show as asked (mismatched lengths, non-positive values on a log axis, …). */
export class PlotError extends Error {
  override name = 'PlotError';
}
