/** Styles the {@link Colours} helper can apply. */
export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan';

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  blue: [34, 39],
  magenta: [35, 39],
  cyan: [36, 39],
};

/** Applies ANSI styles to text, or passes it through unchanged when colour is off. */
export interface Colours {
  /** Whether styles are applied. */
  readonly enabled: boolean;
  /** The text with the styles applied (outermost first). */
  (text: string, ...styles: Style[]): string;
}

/**
 * Whether to colour output: never with `NO_COLOR` (any non-empty value, no-color.org) or
 * `TERM=dumb`; always with `FORCE_COLOR` (not `0`); otherwise only on a TTY.
 */
export function shouldColour(env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/**
 * A colour helper that is a no-op when `enabled` is false.
 * @example
 * const c = createColours(process.stdout.isTTY === true);
 * console.log(c('completed', 'green', 'bold'));
 */
export function createColours(enabled: boolean): Colours {
  const apply = (text: string, ...styles: Style[]): string => {
    if (!enabled || styles.length === 0 || text === '') return text;
    return styles.reduceRight((inner, style) => {
      const [open, close] = CODES[style];
      return `\u001b[${open}m${inner}\u001b[${close}m`;
    }, text);
  };
  return Object.assign(apply, { enabled });
}
