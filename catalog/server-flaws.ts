// The bank's deliberate server-side flaws, as switches. NodeGoat keeps each fix as a comment
// beside its flaw; here the fix runs: a configuration lists the flaws it keeps, and the
// matrix shows both sides (every configuration but `allowlist-fixed` keeps both).

export type ServerFlawId = 'get-moves-money' | 'text-plain-as-json';

export interface ServerFlaw {
  id: ServerFlawId;
  title: string;
  whatGoesWrong: string;
  /** What the bank does with the flaw switched off. */
  fix: string;
  /** The `cors-lab check` flag that switches it on, named as jub0bs/cors names unsafe settings. */
  flag: string;
}

export const serverFlaws: readonly ServerFlaw[] = [
  {
    id: 'get-moves-money',
    title: 'A GET that moves money',
    whatGoesWrong: 'GET /transfer_to/… changes state: any <img>, link or simple XMLHttpRequest fires it, and SameSite=Lax cookies ride on a top-level GET.',
    fix: 'State changes only on POST/PUT (RFC 9110 §9.2.1: GET is a safe method); the GET answers 405.',
    flag: 'dangerously-move-money-on-get',
  },
  {
    id: 'text-plain-as-json',
    title: 'text/plain parsed as JSON',
    whatGoesWrong:
      'A cross-site text/plain POST is a simple request (Fetch §3.2.3): sent without a preflight, and this parser makes it a valid transfer ("JSON CSRF").',
    fix: 'Only application/json is parsed as JSON, which a cross-origin script can’t send without a preflight the server can refuse; text/plain gets 415.',
    flag: 'dangerously-parse-text-plain-as-json',
  },
];

export const everyServerFlaw: readonly ServerFlawId[] = serverFlaws.map((f) => f.id);
