/**
 * The command line's human texts in Swedish and English: one table per language (messages-sv.ts,
 * messages-en.ts), chosen by `--lang sv|en`, else by the locale environment (`LC_ALL`,
 * `LC_MESSAGES`, `LANG`, in POSIX order). Codes (error codes, JSON keys, `auto`/`review` in JSON)
 * stay English.
 *
 * A text is a template: `{name}` is replaced by a parameter, `{name|one|other}` picks `one` when the
 * parameter is 1 and `other` otherwise (`{n} {n|line|lines}`).
 *
 * @module
 */
import { EN } from './messages-en.js';
import { SV } from './messages-sv.js';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof EN;
export type MessageParams = Readonly<Record<string, string | number>>;
/** Looks up and fills in a text of the chosen language. */
export type Say = (key: MessageKey, params?: MessageParams) => string;

/** The tables, by locale. */
export const MESSAGES: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en: EN, sv: SV };

/** `sv` when the environment's locale is Swedish (`sv_SE.UTF-8`, `sv`, `sv_FI`), else `en`. */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  // POSIX: LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty variable counts as unset.
  const value = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return value !== undefined && /^sv([_.@-]|$)/i.test(value) ? 'sv' : 'en';
}

/** Fills `{name}` and `{name|one|other}` in `template`. */
export function fill(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one: string | undefined, other: string | undefined) => {
    const v = params[name];
    if (v === undefined) return whole;
    if (one !== undefined) return v === 1 ? one : (other ?? '');
    return String(v);
  });
}

/** The {@link Say} of `locale`. */
export function sayer(locale: Locale): Say {
  const table = MESSAGES[locale];
  return (key, params) => fill(table[key], params);
}
