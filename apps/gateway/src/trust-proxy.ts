import { isIP } from 'node:net';
import { z } from 'zod';

/** What Express's `trust proxy` takes: nobody, everybody, a number of hops, or addresses and subnets. */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(item: string): boolean {
  if (NAMED_RANGES.has(item)) return true;
  const [address = '', prefix, extra] = item.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY: `true`, `false`, a hop count, or a comma-separated list of addresses and subnets. */
export const trustProxySetting = z.string().transform((value, ctx): TrustProxy => {
  const text = value.trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const items = text.split(',').map((item) => item.trim());
  // A subnet of length 0 is every address: any caller could then name its own address in
  // X-Forwarded-For and step around the limits kept per address.
  const everyone = items.find((item) => /\/0+$/.test(item) && isAddressOrSubnet(item));
  if (everyone !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must not trust every address ("${everyone}"): name the proxies' own addresses or subnets, like 10.0.0.0/8`,
    });
    return z.NEVER;
  }
  const bad = items.find((item) => !isAddressOrSubnet(item));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be true, false, a number of proxy hops, or addresses and subnets like 10.0.0.0/8,loopback (not "${bad.slice(0, 64)}")`,
    });
    return z.NEVER;
  }
  return items;
});
