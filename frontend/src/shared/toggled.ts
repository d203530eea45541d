/** `list` with `item` appended (`on`) or removed; the other items keep their order. */
export function toggled(list: readonly string[], item: string, on: boolean): string[] {
  const rest = list.filter((other) => other !== item);
  return on ? [...rest, item] : rest;
}
