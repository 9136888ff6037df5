/** Colours for terminal output; renderers take a Style so they stay pure and testable. */
export interface Style {
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly red: (s: string) => string;
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const PLAIN: Style = { green: (s) => s, yellow: (s) => s, red: (s) => s, bold: (s) => s, dim: (s) => s };

export const COLOURED: Style = {
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  red: wrap(31, 39),
  bold: wrap(1, 22),
  dim: wrap(2, 22),
};
