import { useCallback, useState } from 'react'

/**
 * A setting kept in the page's query string (`?consent=pending`), so a reload (the Tag switch's
 * Blocked mode reloads) keeps it. The fallback is left out of the URL.
 */
export function useSearchParam<T extends string>(
  name: string,
  values: readonly T[],
  fallback: T,
): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    const given = new URLSearchParams(window.location.search).get(name)
    return values.find((v) => v === given) ?? fallback
  })
  const set = useCallback(
    (next: T) => {
      setValue(next)
      const url = new URL(window.location.href)
      if (next === fallback) url.searchParams.delete(name)
      else url.searchParams.set(name, next)
      window.history.replaceState(window.history.state, '', url)
    },
    [name, fallback],
  )
  return [value, set]
}
