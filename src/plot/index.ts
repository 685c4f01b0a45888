// Public face of the plotting module: SVG line plots and their tick helpers.
export { linePlot, seriesFromRuns, writeSvg, type Series, type LinePlotOptions, type AxisScale } from './svg.js';
export { niceTicks, logTicks, formatTick, type LinearTicks } from './ticks.js';
export { PlotError } from './errors.js';
