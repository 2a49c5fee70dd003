/** A link short enough to read out and type (a tour's): longer ones are not shown on the stage. */
const SHORT_LINK = 90;

/** Hosts only the presenter's machine can open: a link to them means nothing to the audience. */
const LOCAL_HOST = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/;

/**
 * The link the stage offers the audience for this step, or undefined when there is none worth
 * showing: the app served from the presenter's own machine (localhost), or a link too long to
 * read out (a scenario built in free play travels in the link itself).
 * @example audienceLink('https://folioscope.dev/', '#tour=x&step=1') // 'https://folioscope.dev/#tour=x&step=1'
 */
export function audienceLink(page: string, fragment: string): string | undefined {
  const url = new URL(page);
  if (LOCAL_HOST.test(url.hostname)) return undefined;
  const link = `${url.origin}${url.pathname}${fragment}`;
  return link.length <= SHORT_LINK ? link : undefined;
}
