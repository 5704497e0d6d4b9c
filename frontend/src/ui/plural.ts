/** "1 quest", "2 quests", "0 quests"; `many` for words that do not just add an s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
