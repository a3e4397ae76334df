/** The version of `@baton/console`, shown in the UI. */
export const CONSOLE_VERSION = '0.1.0';
