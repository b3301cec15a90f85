/**
 * A bounded first-in, first-out queue. When full, `push` drops the oldest item that `expendable`
 * accepts (or the oldest of all when none does) and returns what it dropped, so memory never grows
 * past `limit` items.
 */
export class BoundedQueue<T> {
  #items: (T | undefined)[] = []
  #head = 0
  readonly #limit: number
  readonly #expendable: (item: T) => boolean

  constructor(limit: number, expendable: (item: T) => boolean = () => true) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`[intilery] queueLimit must be a whole number of at least 1, got ${String(limit)}`)
    }
    this.#limit = limit
    this.#expendable = expendable
  }

  get size(): number {
    return this.#items.length - this.#head
  }

  push(item: T): T[] {
    const dropped: T[] = []
    while (this.size >= this.#limit) dropped.push(this.#dropOne())
    this.#items.push(item)
    return dropped
  }

  shift(): T | undefined {
    if (this.size === 0) return undefined
    const item = this.#items[this.#head]
    this.#items[this.#head] = undefined
    this.#head += 1
    if (this.#head === this.#items.length) {
      this.#items = []
      this.#head = 0
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head)
      this.#head = 0
    }
    return item
  }

  #dropOne(): T {
    for (let i = this.#head; i < this.#items.length; i += 1) {
      const item = this.#items[i] as T
      if (this.#expendable(item)) {
        if (i === this.#head) return this.shift() as T
        this.#items.splice(i, 1)
        return item
      }
    }
    return this.shift() as T
  }
}
