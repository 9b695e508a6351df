/** The parts one after another, as the type checker sees them: a tuple of literals gives one literal. */
export type Joined<Parts extends readonly string[]> = Parts extends readonly [
  infer First extends string,
  ...infer Rest extends readonly string[],
]
  ? `${First}${Joined<Rest>}`
  : '';

/**
 * A long text written over several lines. `'a' + 'b'` is typed as a plain `string`, which would hide
 * the text's placeholders from `t()`; this keeps the literal type.
 */
export function joined<const Parts extends readonly string[]>(...parts: Parts): Joined<Parts> {
  return parts.join('') as Joined<Parts>;
}
