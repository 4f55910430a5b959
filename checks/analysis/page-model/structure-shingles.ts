import { mixHash } from '../hash.ts';
import { HashBag } from '../sketch.ts';
import type { OpenElement } from './open-elements.ts';
import type { TagKind } from './tag-kinds.ts';

/**
 * The page's layout as tag-path 4-shingles: each layout element has the hash of its path of layout
 * tags from the root, and a shingle is the last four such paths in document order. Ignored subtrees
 * and the insides of <svg> (icons, which redesigns swap freely) add nothing.
 */
export class StructureShingles {
  readonly #bag = new HashBag();
  // The last four paths; the first shingles of a page start with zeros.
  #p1 = 0;
  #p2 = 0;
  #p3 = 0;
  #p4 = 0;

  /**
   * Sets the path hash of `element`, a new child of `parent`; a layout element also adds the
   * shingle that ends at it. Set, not returned: a hash above 2^30 returned from a call is a heap
   * number allocated per element, written into the element's field it is not (−1 % for the page
   * model, measured).
   */
  enter(parent: OpenElement, element: OpenElement, kind: TagKind, ignored: boolean): void {
    if (!kind.structural || ignored || parent.inSvg) {
      element.pathHash = parent.pathHash;
      return;
    }
    const path = mixHash(parent.pathHash, kind.hash);
    this.#p1 = this.#p2;
    this.#p2 = this.#p3;
    this.#p3 = this.#p4;
    this.#p4 = path;
    this.#bag.add(mixHash(mixHash(mixHash(this.#p1, this.#p2), this.#p3), path));
    element.pathHash = path;
  }

  sketch(k: number): { readonly values: number[]; readonly unique: number } {
    return this.#bag.sketch(k);
  }
}
