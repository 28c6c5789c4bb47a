/** A count with its noun in the right number: "1 lesion", "3 lesions", "0 candidates". */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
