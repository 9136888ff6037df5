export { renderPlanText, summaryLine, formatValue } from './text.js';
export { renderPlanJson, planChecksum } from './json.js';
export { PLAIN, COLOURED, type Style } from './style.js';
