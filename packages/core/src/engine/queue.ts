import { type Call, isEvent } from '../call'

/**
 * The ordered queue in front of the tag: first in, first out, with taking the first call in O(1)
 * (the array is renewed once drained). Bounded by its caller: {@link Queue.trim} drops the oldest
 * events (else the oldest calls) past a limit and gives them back.
 */
export class Queue {
  #calls: Call[] = []
  #head = 0

  get size(): number {
    return this.#calls.length - this.#head
  }

  first(): Call | undefined {
    return this.#calls[this.#head]
  }

  push(call: Call): void {
    this.#calls.push(call)
  }

  shift(): Call | undefined {
    const call = this.#calls[this.#head++]
    if (this.#head === this.#calls.length) {
      this.#calls = []
      this.#head = 0
    }
    return call
  }

  /** The waiting calls, in order (a copy). */
  all(): Call[] {
    return this.#calls.slice(this.#head)
  }

  /** Keeps the waiting calls `keep` allows, in order. */
  filter(keep: (call: Call) => boolean): void {
    this.#calls = this.#calls.slice(this.#head).filter(keep)
    this.#head = 0
  }

  /** Drops the oldest events (else the oldest calls) until at most `limit` wait; returns them. */
  trim(limit: number): Call[] {
    const dropped: Call[] = []
    while (this.size > limit) {
      const at = this.#calls.findIndex((call, i) => i >= this.#head && isEvent(call))
      dropped.push(...this.#calls.splice(at === -1 ? this.#head : at, 1))
    }
    return dropped
  }
}
