import type { MtField } from './block4.ts';

const NONE: readonly MtField[] = Object.freeze([]);

export interface Slot {
  first: MtField | undefined;
  /** Repeats after the first (13C, 23E, 71F may repeat), allocated only when one occurs. */
  more: MtField[] | undefined;
}

/**
 * Fields of one message by group (options of one field share their two-digit key). One instance is
 * reused message after message: slots are reset, not reallocated, so indexing allocates nothing for
 * fields that occur once (an array emptied with `length = 0` would give up its storage each time).
 */
export class FieldIndex {
  private readonly slots = new Map<string, Slot>();
  private readonly used: Slot[] = [];
  private usedCount = 0;

  constructor(groups: Iterable<string>) {
    for (const group of groups) this.slots.set(group, { first: undefined, more: undefined });
  }

  /** Forgets the fields of the previous message. */
  clear(): void {
    for (let i = 0; i < this.usedCount; i++) {
      const slot = this.used[i] as Slot;
      slot.first = undefined;
      slot.more = undefined;
    }
    this.usedCount = 0;
  }

  /** The group's first field. */
  one(group: string): MtField | undefined {
    return this.slots.get(group)?.first;
  }

  /** All of the group's fields in message order (a shared empty list when none). */
  all(group: string): readonly MtField[] {
    const slot = this.slots.get(group);
    return slot === undefined ? NONE : this.allIn(slot);
  }

  /** All fields of a slot of this index in message order (a shared empty list when none). */
  allIn(slot: Slot): readonly MtField[] {
    if (slot.first === undefined) return NONE;
    return slot.more === undefined ? [slot.first] : [slot.first, ...slot.more];
  }

  has(group: string): boolean {
    return this.one(group) !== undefined;
  }

  /** The slot of a group given to the constructor, for callers that resolve a tag's slot once. */
  slot(group: string): Slot | undefined {
    return this.slots.get(group);
  }

  /** Appends a field to a group given to the constructor. */
  add(group: string, field: MtField): void {
    this.addTo(this.slots.get(group) as Slot, field);
  }

  /** Appends a field to a slot of this index. */
  addTo(slot: Slot, field: MtField): void {
    if (slot.first === undefined) {
      slot.first = field;
      this.used[this.usedCount++] = slot;
    } else if (slot.more === undefined) slot.more = [field];
    else slot.more.push(field);
  }
}
