/** The link a page was opened with (client/src/state/sessionLink.ts): the role token read, then taken out of the address. */
import { describe, expect, it } from 'vitest';
import { takeSessionLink } from '../../client/src/state/sessionLink';
import { joinFromUrl } from '../../client/src/net/socket';

const BASE = 'https://twin.example/';

describe('session link', () => {
  it('takes the token from the fragment and leaves an address without it', () => {
    const link = takeSessionLink(`${BASE}?session=abc#token=s3cret`);
    expect(link.address).toBe(`${BASE}?session=abc`);
    expect(joinFromUrl(link.joinSearch)).toEqual({ sessionId: 'abc', token: 's3cret' });
  });

  it('still accepts the token in the query, and takes it out of the address', () => {
    const link = takeSessionLink(`${BASE}?session=abc&token=s3cret&chapter=2`);
    expect(link.address).toBe(`${BASE}?session=abc&chapter=2`);
    expect(link.address).not.toContain('s3cret');
    expect(joinFromUrl(link.joinSearch)).toEqual({ sessionId: 'abc', token: 's3cret' });
  });

  it('prefers the fragment when both carry a token, and removes both', () => {
    const link = takeSessionLink(`${BASE}?token=old&session=abc#token=new`);
    expect(link.address).toBe(`${BASE}?session=abc`);
    expect(joinFromUrl(link.joinSearch)).toEqual({ sessionId: 'abc', token: 'new' });
  });

  it('keeps the rest of a fragment, and leaves an address without a token as it was', () => {
    expect(takeSessionLink(`${BASE}?session=abc#token=t&view=map`).address).toBe(`${BASE}?session=abc#view=map`);
    for (const href of [BASE, `${BASE}?session=abc`, `${BASE}?session=abc#plants`, `${BASE}?scenario=heat-node&chapter=3`]) {
      const link = takeSessionLink(href);
      expect(link.address).toBe(href);
      expect(joinFromUrl(link.joinSearch)).not.toHaveProperty('token');
    }
    expect(joinFromUrl(takeSessionLink(BASE).joinSearch)).toEqual({ sessionId: 'public' });
  });

  it('decodes a token written percent-encoded', () => {
    expect(joinFromUrl(takeSessionLink(`${BASE}?session=abc#token=a%2Bb%3D`).joinSearch)).toEqual({ sessionId: 'abc', token: 'a+b=' });
  });
});
